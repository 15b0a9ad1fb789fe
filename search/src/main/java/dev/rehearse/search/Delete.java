package dev.rehearse.search;

/** Removes document {@code id} from the index behind {@code alias}; a missing one is no error. */
public record Delete(String alias, String id) implements IndexWrite {

  @Override
  public Delete to(String index) {
    return new Delete(index, id);
  }
}
