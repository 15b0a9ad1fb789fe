package dev.rehearse.batch.transforms;

import java.util.HashSet;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What the assessment reads in an answer's text, in one pass over its characters: the question's
 * content words (letters only, longer than three), how many of them the answer uses, and how often
 * the candidate says "I" and "we". Pure; one Spark UDF (a pass in Java costs a fraction of the
 * equivalent chain of regex splits and array functions).
 */
public final class TextFeatures {

  private TextFeatures() {}

  private static final Set<String> SINGULAR = Set.of("i", "my", "me", "myself", "i'm", "i've");
  private static final Set<String> PLURAL =
      Set.of("we", "our", "us", "ourselves", "we're", "we've");

  /** The features of one answer. */
  public record Features(int questionWords, int sharedWords, int singular, int plural) {}

  /** The schema of {@link #udf()}'s result. */
  public static final StructType SCHEMA =
      new StructType()
          .add("questionWords", DataTypes.IntegerType, false)
          .add("sharedWords", DataTypes.IntegerType, false)
          .add("singular", DataTypes.IntegerType, false)
          .add("plural", DataTypes.IntegerType, false);

  public static Features of(String question, String answer) {
    Set<String> questionWords = new HashSet<>();
    forEachWord(
        question,
        w -> {
          if (w.length() > 3 && letters(w)) {
            questionWords.add(w);
          }
        });
    Set<String> shared = new HashSet<>();
    int[] counts = new int[2];
    forEachWord(
        answer,
        w -> {
          if (questionWords.contains(w)) {
            shared.add(w);
          }
          if (SINGULAR.contains(w)) {
            counts[0]++;
          } else if (PLURAL.contains(w)) {
            counts[1]++;
          }
        });
    return new Features(questionWords.size(), shared.size(), counts[0], counts[1]);
  }

  /** The Spark function: {@code (question, answer) -> struct} of {@link #SCHEMA}. */
  public static UDF2<String, String, Row> udf() {
    return (question, answer) -> {
      Features f = of(question, answer);
      return RowFactory.create(f.questionWords(), f.sharedWords(), f.singular(), f.plural());
    };
  }

  /**
   * Words: runs of letters and apostrophes (curly ones made straight), in lower case, without
   * leading or trailing apostrophes; one string made per word.
   */
  private static void forEachWord(String text, java.util.function.Consumer<String> word) {
    if (text == null) {
      return;
    }
    char[] current = new char[64];
    int length = 0;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ' ';
      if (Character.isLetter(c) || c == '\'' || c == '\u2019') {
        if (length == current.length) {
          current = java.util.Arrays.copyOf(current, length * 2);
        }
        current[length++] = c == '\u2019' ? '\'' : Character.toLowerCase(c);
      } else if (length > 0) {
        int start = 0;
        int end = length;
        while (start < end && current[start] == '\'') {
          start++;
        }
        while (end > start && current[end - 1] == '\'') {
          end--;
        }
        if (end > start) {
          word.accept(new String(current, start, end - start));
        }
        length = 0;
      }
    }
  }

  private static boolean letters(String w) {
    return w.chars().allMatch(Character::isLetter);
  }
}
