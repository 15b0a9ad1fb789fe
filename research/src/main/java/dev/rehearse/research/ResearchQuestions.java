package dev.rehearse.research;

import dev.rehearse.core.interview.ResearchNote;
import dev.rehearse.core.interview.ResearchQuestioner;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline interviewer's question grounded in research: a fact a snippet states about the
 * company ("Acme launched a payments API for small shops") becomes "Acme recently launched a
 * payments API for small shops. How would you, as the new Backend Engineer, …?". A fact is one
 * sentence whose subject is the company and whose verb says what it did ({@code launched}, {@code
 * has acquired}, …). A snippet that carries instructions is skipped whole; a sentence that asks,
 * exclaims, addresses the reader, links, is too long or dates itself to an earlier year is no fact.
 */
public final class ResearchQuestions {

  /** The source a research question carries in the session's turn. */
  public static final String SOURCE = ResearchQuestioner.SOURCE;

  /**
   * The offline interviewer's research questions: {@link #from} over the research notes stored with
   * the candidate's profile.
   */
  public static final ResearchQuestioner QUESTIONER = ResearchQuestions::grounded;

  /** Longest fact taken, in characters. */
  static final int MAX_FACT = 160;

  /** Longest role a question names; a longer one is "this role". */
  static final int MAX_ROLE_NAMED = 60;

  /** Longest question written, in characters (what the interviewer accepts of any question). */
  static final int MAX_QUESTION = 300;

  /**
   * A question grounded in research.
   *
   * @param text the question
   * @param url the page its fact came from, shown to the candidate
   */
  public record ResearchQuestion(String text, String url) {

    /** {@value ResearchQuestions#SOURCE}. */
    public String source() {
      return SOURCE;
    }
  }

  private ResearchQuestions() {}

  private static final String VERBS =
      "launched|acquired|expanded|announced|opened|released|raised|introduced|unveiled|partnered"
          + "|signed|completed|secured|rolled out|debuted|shipped|entered|invested|migrated|moved"
          + "|began|started|reached|won|hired|closed|published|added|built|open-sourced|merged"
          + "|doubled|tripled|grew|adopted|rebuilt|redesigned|deployed|formed|joined|received"
          + "|surpassed|crossed|committed|agreed|struck|filed|spun off|relaunched";

  /** Where sentences end: not after a usual abbreviation. */
  private static final Pattern SENTENCE_END =
      Pattern.compile(
          "(?<!\\b(?:Inc|Corp|Ltd|Co|Mr|Ms|Dr|St|vs|e\\.g|i\\.e|U\\.S)\\.)(?<=[.!?])\\s+");

  /**
   * Text written to steer a model, not to inform a reader. Words a product page may use ("AI
   * assistant", "language model") are not enough; orders to the reader or the model are.
   */
  private static final Pattern INSTRUCTIONS =
      Pattern.compile(
          "(?i)\\b(?:ignore|disregard|forget|override|bypass)\\b.{0,60}"
              + "\\b(?:instructions?|prompts?|rules|directions|guidelines|above|previous)\\b"
              + "|\\bsystem\\s+prompt\\b|\\bnew\\s+instructions?\\b|\\byou\\s+are\\s+now\\b"
              + "|\\bfrom\\s+now\\s+on\\b|\\bjailbreak|\\bas\\s+an\\s+ai\\b|\\bpretend\\b"
              + "|\\b(?:respond|reply|answer)\\s+only\\b"
              + "|\\btell\\s+the\\s+(?:user|candidate|interviewer|model)\\b"
              + "|\\breveal\\b.{0,40}\\b(?:prompt|secret|key|password)s?\\b"
              + "|/\\s*(?:data|system|research_snippets|candidate_profile)\\b");

  /** What a fact may not hold: a link, markup, the reader, the writer. */
  private static final Pattern NOT_A_FACT =
      Pattern.compile(
          "(?i:https?:|www\\.)|[<>{}\\[\\]|`*#@]"
              + "|\\b(?:[Yy]ou|[Yy]our|[Yy]ours|[Ww]e|[Oo]ur|us|me|my|I)\\b");

  private static final Pattern YEAR = Pattern.compile("\\b(19\\d\\d|20\\d\\d)\\b");

  /**
   * A question grounded in the first snippet (in order) that states a usable fact about {@code
   * company}, with that snippet's URL; empty when none does.
   */
  public static Optional<ResearchQuestion> from(
      String company, String role, List<ResearchSnippet> snippets) {
    String name = ResearchText.clean(company, 80);
    String roleName = ResearchText.clean(role, 200);
    if (name.isEmpty() || roleName.isEmpty()) {
      return Optional.empty();
    }
    Pattern fact = factPattern(name);
    for (ResearchSnippet snippet : snippets) {
      if (INSTRUCTIONS.matcher(snippet.title() + " " + snippet.text()).find()) {
        continue;
      }
      int year = snippet.retrievedAt().atZone(ZoneOffset.UTC).getYear();
      for (String sentence : SENTENCE_END.split(snippet.text())) {
        Optional<String> found = fact(fact, sentence, year);
        if (found.isPresent()) {
          String question = name + " recently " + found.get() + ". How would you" + ask(roleName);
          if (question.length() <= MAX_QUESTION) {
            return Optional.of(new ResearchQuestion(question, snippet.url()));
          }
        }
      }
    }
    return Optional.empty();
  }

  /** {@link #from} over stored notes, for {@link #QUESTIONER}. */
  static Optional<ResearchQuestioner.Grounded> grounded(
      String company, String role, List<ResearchNote> notes) {
    return from(
            company,
            role,
            notes.stream()
                .map(n -> new ResearchSnippet("", n.text(), n.url(), n.provider(), n.retrievedAt()))
                .toList())
        .map(q -> new ResearchQuestioner.Grounded(q.text(), q.url()));
  }

  /**
   * A sentence whose subject is the company, after at most a short opening clause ("In March,"),
   * and whose verb is one of {@link #VERBS}, simple past or present perfect.
   */
  private static Pattern factPattern(String company) {
    return Pattern.compile(
        "^(?:[A-Z][\\w ]{0,30},\\s+)?(?:the\\s+)?"
            + Pattern.quote(company)
            + "(?:,?\\s+(?:Inc|Corp|Ltd|LLC|Co|plc|AG|GmbH|SA)\\.?,?)?"
            + "\\s+(?:has\\s+|have\\s+)?(?:recently\\s+|just\\s+|now\\s+|also\\s+)?"
            + "((?:"
            + VERBS
            + ")\\s+\\S.*)$",
        Pattern.CASE_INSENSITIVE);
  }

  /** The fact {@code sentence} states ("launched …", no final stop), if it is a usable one. */
  static Optional<String> fact(Pattern factPattern, String sentence, int year) {
    String s = sentence.strip();
    if (s.contains("?") || s.endsWith("!") || s.contains(":")) {
      return Optional.empty();
    }
    if (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    Matcher m = factPattern.matcher(s);
    if (!m.matches()) {
      return Optional.empty();
    }
    String fact = m.group(1);
    if (fact.length() > MAX_FACT
        || fact.split(" ").length < 3
        || NOT_A_FACT.matcher(fact).find()
        || olderThanLastYear(fact, year)) {
      return Optional.empty();
    }
    // the verb as the template writes it: lower case, whatever the page's case
    int space = fact.indexOf(' ');
    return Optional.of(
        fact.substring(0, space).toLowerCase(java.util.Locale.ROOT) + fact.substring(space));
  }

  /** Whether the fact names a year before last year: then it is not recent. */
  private static boolean olderThanLastYear(String fact, int year) {
    Matcher m = YEAR.matcher(fact);
    while (m.find()) {
      if (Integer.parseInt(m.group(1)) < year - 1) {
        return true;
      }
    }
    return false;
  }

  /** The rest of "How would you …?" for the role's family. */
  static String ask(String role) {
    String r = role.toLowerCase(java.util.Locale.ROOT);
    String as = role.length() > MAX_ROLE_NAMED ? ", in this role, " : ", as the new " + role + ", ";
    if (r.matches(".*\\bproduct\\s+(manager|owner|lead)\\b.*")) {
      return as + "decide what to build next around it and measure whether it succeeds?";
    }
    if (r.matches(".*\\b(design|designer|ux|ui)\\b.*")) {
      return as + "shape the experience of the people who use it?";
    }
    if (r.matches(".*\\b(manager|head|director|vp|chief|cto|cio)\\b.*")) {
      return as + "prepare your team to deliver on it?";
    }
    if (r.matches(
        ".*\\b(engineer|engineering|developer|programmer|sre|devops|architect|software"
            + "|backend|frontend|full.?stack|mobile|platform|security)\\b.*")) {
      return as + "help build, run and scale the systems behind it?";
    }
    if (r.matches(".*\\b(data|analyst|scientist|analytics|machine learning|ml)\\b.*")) {
      return as + "measure whether it is working, and with which data?";
    }
    if (r.matches(".*\\b(sales|marketing|account|customer|growth|business|success)\\b.*")) {
      return as + "bring it to customers and learn from how they respond?";
    }
    return as + "contribute to it in your first three months?";
  }
}
