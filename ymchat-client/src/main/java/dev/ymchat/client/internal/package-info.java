/** Transport, retry, limiter, logging and JSON plumbing of the client; not exported. */
package dev.ymchat.client.internal;
