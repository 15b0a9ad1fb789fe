package dev.rehearse.api.service;

import dev.rehearse.api.service.BatchReplies.ReportLink;
import dev.rehearse.core.config.Connections;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.http.Method;
import io.minio.messages.Item;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Presigned, expiring download links to the report files a cohort batch wrote to the S3 store. */
public final class S3ReportLinks implements ReportLinks {

  private static final Logger LOG = LoggerFactory.getLogger(S3ReportLinks.class);
  static final Duration EXPIRY = Duration.ofMinutes(15);

  private final MinioClient s3;
  private final String bucket;

  public S3ReportLinks(Connections connections) {
    this.s3 = LakeClients.of(connections, Duration.ofSeconds(10));
    this.bucket = connections.lakeBucket();
  }

  /** Whether the store answers and the lake bucket exists. */
  public boolean reachable() {
    try {
      return s3.bucketExists(io.minio.BucketExistsArgs.builder().bucket(bucket).build());
    } catch (Exception e) {
      return false;
    }
  }

  @Override
  public List<ReportLink> links(String prefix) {
    List<ReportLink> links = new ArrayList<>();
    try {
      for (Result<Item> result :
          s3.listObjects(
              ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
        Item item = result.get();
        if (item.isDir() || item.size() == 0) {
          continue;
        }
        links.add(
            new ReportLink(
                item.objectName().substring(prefix.length()),
                item.size(),
                s3.getPresignedObjectUrl(
                    GetPresignedObjectUrlArgs.builder()
                        .method(Method.GET)
                        .bucket(bucket)
                        .object(item.objectName())
                        .expiry((int) EXPIRY.toSeconds())
                        .build()),
                EXPIRY.toSeconds()));
      }
    } catch (Exception e) {
      LOG.error("listing reports under {} failed: {}", prefix, e.toString());
      throw new Problem(
          503, "Service unavailable", "the report store is not reachable", Optional.empty());
    }
    return links;
  }
}
