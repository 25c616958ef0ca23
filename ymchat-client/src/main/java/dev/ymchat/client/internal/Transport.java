package dev.ymchat.client.internal;

import java.util.concurrent.CompletableFuture;

/**
 * The one small interface that auth, logging, limiting and retrying decorate: sends a call and
 * returns a 2xx answer, or fails with a {@code YmChatException}. {@link #execute} runs the exchange
 * on the caller's thread (the synchronous methods), {@link #executeAsync} never blocks one.
 */
public interface Transport {

  /**
   * Sends a call on this thread and waits for the answer.
   *
   * @param call the call
   * @return the answer
   * @throws dev.ymchat.client.error.YmChatException when the call fails
   */
  default HttpResult execute(HttpCall call) {
    return Futures.join(executeAsync(call));
  }

  /**
   * Sends a call without blocking.
   *
   * @param call the call
   * @return the answer; failures complete the future with a {@code YmChatException}
   */
  CompletableFuture<HttpResult> executeAsync(HttpCall call);
}
