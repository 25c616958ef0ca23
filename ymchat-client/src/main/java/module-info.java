/**
 * The client of the chats of the Yandex Market Partner API, with its push-notification receiver.
 */
module dev.ymchat.client {
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires static org.slf4j;
  requires transitive java.net.http;

  exports dev.ymchat.client;
  exports dev.ymchat.client.model;
  exports dev.ymchat.client.error;
  exports dev.ymchat.client.notify;

  opens dev.ymchat.client.model to
      com.fasterxml.jackson.databind;
  opens dev.ymchat.client.notify to
      com.fasterxml.jackson.databind;
  opens dev.ymchat.client.internal.wire to
      com.fasterxml.jackson.databind;
}
