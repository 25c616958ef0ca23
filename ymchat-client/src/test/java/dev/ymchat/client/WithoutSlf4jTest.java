package dev.ymchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loads the client in a class loader that has Jackson but no SLF4J, and makes a call. */
class WithoutSlf4jTest {

  private static URL locationOf(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }

  @Test
  void clientWorksWithoutSlf4jOnTheClassPath() throws Exception {
    URL[] classPath = {
      locationOf(ChatsClient.class),
      locationOf(ObjectMapper.class),
      locationOf(JsonFactory.class),
      locationOf(JsonCreator.class),
      locationOf(JavaTimeModule.class)
    };
    try (Stub stub = new Stub();
        URLClassLoader loader =
            new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(() -> loader.loadClass("org.slf4j.LoggerFactory"))
          .isInstanceOf(ClassNotFoundException.class);
      stub.ok("{\"chats\":[]}");

      Class<?> clientType = loader.loadClass("dev.ymchat.client.ChatsClient");
      Object builder = clientType.getMethod("builder").invoke(null);
      Class<?> builderType = builder.getClass();
      builderType.getMethod("apiKey", String.class).invoke(builder, "k");
      builderType.getMethod("baseUrl", String.class).invoke(builder, stub.baseUrl());
      Object client = builderType.getMethod("build").invoke(builder);
      Object page = clientType.getMethod("chats", long.class).invoke(client, 5L);
      Method items = page.getClass().getMethod("items");
      assertThat((List<?>) items.invoke(page)).isEmpty();
      clientType.getMethod("close").invoke(client);

      assertThat(stub.take().getTarget()).isEqualTo("/v2/businesses/5/chats");
      assertThat(clientType.getClassLoader()).isSameAs(loader);
    }
  }
}
