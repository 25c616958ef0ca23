/**
 * The client of the chats of the Yandex Market Partner API.
 *
 * <p>dev.ymchat.client.notify is exported (and opened to Jackson) as soon as it holds classes:
 * javac refuses to export a package that has only a package-info.
 */
module dev.ymchat.client {
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires static org.slf4j;
  requires transitive java.net.http;

  exports dev.ymchat.client;
  exports dev.ymchat.client.model;
  exports dev.ymchat.client.error;

  opens dev.ymchat.client.model to com.fasterxml.jackson.databind;
}
