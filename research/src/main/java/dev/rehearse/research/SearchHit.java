package dev.rehearse.research;

/** One result as a provider sent it, not yet sanitised: any of its fields may be hostile. */
record SearchHit(String title, String text, String url) {}
