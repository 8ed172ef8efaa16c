package org.ncer.align;

import org.ncer.span.Span;

/**
 * Where the alignment of an echo put a marked region in the note.
 *
 * @param span the note span the region maps to, or {@code null} when the echo diverged too far
 *     around it to tell
 * @param hint a note offset near which the region belongs, for the search that replaces a failed
 *     mapping
 */
public record Placement(Span span, int hint) {

  public Placement {
    if (hint < 0) {
      throw new IllegalArgumentException("placement hint " + hint + " is negative");
    }
  }
}
