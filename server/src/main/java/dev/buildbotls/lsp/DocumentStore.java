package dev.buildbotls.lsp;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The open documents, by URI. */
public final class DocumentStore {
  private final ConcurrentHashMap<String, Document> documents = new ConcurrentHashMap<>();

  public void open(Document document) {
    documents.put(document.uri(), document);
  }

  /** Stores the result of an edit unless it is older than what is stored (a stale version). */
  public Optional<Document> update(String uri, java.util.function.UnaryOperator<Document> edit) {
    Document updated = documents.computeIfPresent(uri, (k, current) -> {
      Document next = edit.apply(current);
      return next.version() < current.version() ? current : next;
    });
    return Optional.ofNullable(updated);
  }

  public void close(String uri) {
    documents.remove(uri);
  }

  public java.util.Set<String> uris() {
    return documents.keySet();
  }

  public Optional<Document> get(String uri) {
    return Optional.ofNullable(documents.get(uri));
  }
}
