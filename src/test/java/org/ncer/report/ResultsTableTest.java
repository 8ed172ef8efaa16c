package org.ncer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.ncer.Json;

class ResultsTableTest {
  @Test
  void showsOneRowPerMetricWithDatasetsThenLabelsAndTheirMean() throws Exception {
    // given
    var results =
        Json.mapper()
            .readTree(
                """
                {"SpanBasedWithPartialOverlap": {
                   "dataset_results": {"ncbi": {"f1": 61.5}, "bc5cdr": {"f1": 70.25}},
                   "clinical_type_results": {"condition": {"f1": 65.0}, "drug": {"f1": 80.0}}}}
                """);

    // when
    String table = ResultsTable.render(results);

    // then
    assertEquals(
        """
        F1 x 100                  ncbi  bc5cdr | condition   drug  label mean
        ---------------------------------------------------------------------
        span partial (ent_type)  61.50   70.25 |     65.00  80.00       72.50
        """,
        table);
  }
}
