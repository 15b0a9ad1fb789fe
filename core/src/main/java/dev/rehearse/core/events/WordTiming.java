package dev.rehearse.core.events;

/** One recognised word with its start and end in milliseconds from the start of the answer. */
public record WordTiming(String word, long startMs, long endMs) {}
