/** The pipeline: dataset x model x prompt to predictions and metrics, written to a run folder. */
package org.ncer.run;
