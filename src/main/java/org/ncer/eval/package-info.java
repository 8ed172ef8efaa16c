/**
 * An evaluation set of model answers made from a dataset's own notes and gold mentions, in the
 * styles real models answer in and with the rewrites they make, and the evaluation of grounding on
 * it.
 */
package org.ncer.eval;
