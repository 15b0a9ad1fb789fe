package dev.rehearse.research;

import java.time.Instant;

/**
 * One piece of research, sanitised: plain text of bounded length and the http(s) page it came from.
 * It is data found on the web, never instructions: it reaches an LLM only through {@link
 * ResearchPrompt#fence}.
 *
 * @param title at most {@value ResearchText#MAX_TITLE} characters, possibly empty
 * @param text at most {@value ResearchText#MAX_TEXT} characters, never empty
 * @param url the source page, an http(s) URL
 * @param provider which service found it: {@code tavily}, {@code exa} or {@code serper}
 * @param retrievedAt when it was fetched
 */
public record ResearchSnippet(
    String title, String text, String url, String provider, Instant retrievedAt) {}
