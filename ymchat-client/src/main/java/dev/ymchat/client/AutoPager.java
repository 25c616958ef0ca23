package dev.ymchat.client;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The items of a page and of all later pages, fetched lazily: a page is requested only when the
 * iteration needs its first item. Each iteration starts again from the first page it was made from.
 *
 * @param <T> the type of the items
 */
public final class AutoPager<T> implements Iterable<T> {

  private final Page<T> first;

  AutoPager(Page<T> first) {
    this.first = first;
  }

  @Override
  public Iterator<T> iterator() {
    return new Iterator<>() {
      private Page<T> page = first;
      private int index;

      @Override
      public boolean hasNext() {
        while (index >= page.items().size()) {
          if (!page.hasNextPage()) {
            return false;
          }
          page = page.nextPage();
          index = 0;
        }
        return true;
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException("no more items: the last page has been read");
        }
        return page.items().get(index++);
      }
    };
  }

  /**
   * Returns the items as a sequential, lazy stream.
   *
   * @return the stream
   */
  public Stream<T> stream() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }
}
