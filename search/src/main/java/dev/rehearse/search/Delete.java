package dev.rehearse.search;

/** Removes document {@code id} from the index behind {@code alias}; a missing one is no error. */
public record Delete(String alias, String id) implements IndexWrite {}
