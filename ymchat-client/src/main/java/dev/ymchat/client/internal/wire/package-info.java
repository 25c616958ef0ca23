/**
 * The API's request and response envelopes (not exported): what the client writes and reads on the
 * wire around the public models.
 */
package dev.ymchat.client.internal.wire;
