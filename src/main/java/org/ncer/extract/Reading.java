package org.ncer.extract;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What one reader found in one region of an answer. */
final class Reading {
  /** The style of answer a reader recognises. */
  enum Kind {
    /** A JSON or Python value. */
    VALUE,
    /** Lines: bulleted, numbered, one per line or comma-separated. */
    LINES,
    /** Inline tags or marks around entities in an echo of the note. */
    TAGS,
    /** A statement that there are no entities. */
    NONE
  }

  final Kind kind;
  final String style;
  final List<Candidate> candidates = new ArrayList<>();

  /** Fixes that make the answer repaired. */
  final Set<String> repairs = new LinkedHashSet<>();

  /** What was skipped or ignored; does not change the status. */
  final Set<String> remarks = new LinkedHashSet<>();

  /** For values: where the value is valid Python but not JSON. */
  final Set<String> notJson = new LinkedHashSet<>();

  /** For values: the top-level value is an object rather than a list. */
  boolean object;

  /** For values: found in prose and holding no quoted string, such as a citation {@code [1]}. */
  boolean weak;

  /** For lines: where the last table row starts, to drop it when it turns out to be the header. */
  int lastRowStart = -1;

  /** For tags: the region with every tag and mark removed, the coordinates of echo offsets. */
  String echo;

  Reading(Kind kind, String style) {
    this.kind = kind;
    this.style = style;
  }
}
