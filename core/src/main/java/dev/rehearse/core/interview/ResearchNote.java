package dev.rehearse.core.interview;

import java.time.Instant;

/**
 * A piece of research on the candidate's target company, as stored with their profile: sanitised
 * text found on the web, hostile until proven otherwise. It is data for the interviewer, never
 * instructions.
 *
 * @param company the company it was researched for
 * @param text the snippet's plain text
 * @param url the page it came from
 * @param provider the web-search service that found it
 * @param retrievedAt when it was fetched
 */
public record ResearchNote(
    String company, String text, String url, String provider, Instant retrievedAt) {}
