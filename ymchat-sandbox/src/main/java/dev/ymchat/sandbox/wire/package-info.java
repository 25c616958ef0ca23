/**
 * The sandbox's own records of the API's wire format: the {@code {status, result, errors}}
 * envelope, paging and the list results. The client keeps its envelope records internal; the
 * sandbox shares only the client's model records (chats, messages, contexts).
 */
package dev.ymchat.sandbox.wire;
