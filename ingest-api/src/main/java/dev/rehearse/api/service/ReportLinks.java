package dev.rehearse.api.service;

import dev.rehearse.api.service.BatchReplies.ReportLink;
import dev.rehearse.core.lake.LakeDatasets;
import java.util.List;

/** Expiring download links to the report files a cohort batch wrote. */
public interface ReportLinks {

  /** Where a cohort batch writes its reports. */
  static String prefix(String cohortId, String batchId) {
    return LakeDatasets.COHORT_REPORTS.resolve(cohortId, batchId) + "/";
  }

  /**
   * One link per report file under {@code prefix}; a 503 {@link Problem} when the store cannot be
   * reached.
   */
  List<ReportLink> links(String prefix);
}
