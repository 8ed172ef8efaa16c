package org.ncer.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of an answer that hold the answer proper: a reasoning block before it is skipped, and
 * when the answer uses code fences, only their contents count.
 *
 * @param regions the ranges {@code [start, end)} of the answer to read, in order
 * @param failure why nothing can be read, or {@code null}
 * @param remarks what was skipped, for the parse note
 */
record Payload(List<Region> regions, String failure, List<String> remarks) {

  /** A range {@code [start, end)} of the answer. */
  record Region(int start, int end) {}

  // DeepSeek-R1, Qwen3 and similar models put their reasoning in such a block before the answer.
  private static final Pattern THINK_OPEN =
      Pattern.compile("<\\s*(?:think|thinking|reasoning)\\s*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern THINK_CLOSE =
      Pattern.compile("<\\s*/\\s*(?:think|thinking|reasoning)\\s*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern FENCE_INFO = Pattern.compile("[A-Za-z0-9_+.\\-]*[ \\t]*\\r?\\n?");

  static Payload of(String answer) {
    List<String> remarks = new ArrayList<>();
    int start = 0;
    int end = answer.length();
    int closeEnd = -1;
    Matcher close = THINK_CLOSE.matcher(answer);
    while (close.find()) {
      closeEnd = close.end();
    }
    if (closeEnd >= 0) {
      start = closeEnd;
      remarks.add("skipped a reasoning block");
    } else {
      Matcher open = THINK_OPEN.matcher(answer);
      if (open.find()) {
        if (answer.substring(0, open.start()).isBlank()) {
          return new Payload(
              List.of(), "the answer ends inside a reasoning block, before any answer", remarks);
        }
        end = open.start();
        remarks.add("skipped an unclosed reasoning block");
      }
    }
    if (answer.substring(start, end).isBlank()) {
      return new Payload(
          List.of(),
          closeEnd >= 0 ? "nothing follows the reasoning block" : "the answer is empty",
          remarks);
    }
    List<Region> fenced = fences(answer, start, end, remarks);
    return new Payload(fenced.isEmpty() ? List.of(new Region(start, end)) : fenced, null, remarks);
  }

  /** The non-blank contents of ``` or ~~~ fences in {@code [start, end)}. */
  private static List<Region> fences(String s, int start, int end, List<String> remarks) {
    List<Region> regions = new ArrayList<>();
    int pos = start;
    while (pos < end) {
      int open = nextFence(s, pos, end);
      if (open < 0) {
        break;
      }
      String marker = s.substring(open, open + 3);
      Matcher info = FENCE_INFO.matcher(s).region(open + 3, end);
      int contentStart = info.lookingAt() ? info.end() : open + 3;
      int close = s.indexOf(marker, contentStart);
      int contentEnd = close < 0 || close >= end ? end : close;
      if (close < 0 || close >= end) {
        remarks.add("unclosed code fence");
      }
      if (!s.substring(contentStart, contentEnd).isBlank()) {
        regions.add(new Region(contentStart, contentEnd));
      }
      pos = contentEnd == end ? end : contentEnd + 3;
    }
    if (!regions.isEmpty()) {
      remarks.add("in a code fence");
    }
    return regions;
  }

  private static int nextFence(String s, int from, int end) {
    int a = s.indexOf("```", from);
    int b = s.indexOf("~~~", from);
    int first = a < 0 ? b : b < 0 ? a : Math.min(a, b);
    return first < 0 || first + 3 > end ? -1 : first;
  }
}
