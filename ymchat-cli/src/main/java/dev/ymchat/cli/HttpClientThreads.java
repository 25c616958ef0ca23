package dev.ymchat.cli;

/**
 * Stops the selector threads of the JDK's {@code HttpClient} before the process exits.
 *
 * <p>On exit, HotSpot waits up to about 300 ms for threads that sit in native code, and an idle
 * {@code HttpClient} keeps one such thread blocked in {@code epoll_wait} until the client is
 * garbage collected; JDK 17 offers no way to close a client (JDK 21 has {@code close()}). Every API
 * command would pay those 300 ms after its work is done. Interrupting the thread ends its loop (it
 * checks the interrupt flag after each select) and closes its connections; the process then exits
 * at once. Only {@link Main#main} calls this, after the command finished: nothing is in flight.
 */
final class HttpClientThreads {

  private static final long JOIN_MILLIS = 200;

  private HttpClientThreads() {}

  static void stop() {
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      String name = thread.getName();
      if (name.startsWith("HttpClient-") && name.endsWith("-SelectorManager")) {
        thread.interrupt();
        try {
          thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
