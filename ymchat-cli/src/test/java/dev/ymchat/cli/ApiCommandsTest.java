package dev.ymchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ymchat.client.FakeClock;
import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.ChatStatus;
import dev.ymchat.client.model.ModelJson;
import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sandbox.limits.SandboxRateLimits;
import dev.ymchat.sandbox.market.MarketSimulator;
import dev.ymchat.sandbox.market.SandboxDemo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every API command, in-process, against a real sandbox on a loopback port. */
class ApiCommandsTest {

  private static final long BUSINESS = SandboxDemo.BUSINESS_ID;
  private static final ObjectMapper JSON = ModelJson.newMapper();
  private static final FakeClock CLOCK = new FakeClock(Instant.parse("2026-11-20T09:00:00Z"));

  private static SandboxServer sandbox;
  private static MarketSimulator market;
  private static long directChat;
  private static long firstMessage;

  @TempDir Path dir;

  @BeforeAll
  static void startSandbox() {
    sandbox =
        SandboxServer.builder()
            .port(0)
            .host("127.0.0.1")
            .inMemory()
            .seedDemo(true)
            .rateLimits(SandboxRateLimits.disabled())
            .clock(CLOCK)
            .build()
            .start();
    market = sandbox.market();
    directChat = market.buyerOpensDirectChat(BUSINESS, "Anna", "Is the blue kettle in stock?");
    CLOCK.advance(Duration.ofMinutes(1));
    firstMessage = market.buyerWrites(BUSINESS, directChat, "And can it be delivered on Saturday?");
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  private CliRun cli() {
    return new CliRun(dir).zone(ZoneId.of("Europe/Moscow"));
  }

  private String[] args(String... command) {
    List<String> all = new ArrayList<>(Arrays.asList(command));
    all.addAll(List.of("--sandbox", "--base-url", sandbox.baseUrl()));
    return all.toArray(String[]::new);
  }

  private CliRun.Result run(String... command) {
    return cli().run(args(command));
  }

  @Test
  void chats_table_showsTheChatsWithLocalTimes() {
    CliRun.Result result = run("chats", "--all");
    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .startsWith("CHAT ID")
        .contains(Long.toString(directChat), "DIRECT", "Anna");
    // 09:00 UTC is 12:00 in Moscow: tables show local time to the minute.
    assertThat(result.out()).contains("2026-11-20 12:0");
  }

  @Test
  void chats_json_isOneArrayOfChatRecords_filteredCaseInsensitively() throws Exception {
    CliRun.Result result =
        run(
            "chats",
            "--all",
            "--status",
            "waiting_for_partner",
            "--context-type",
            "Direct",
            "-o",
            "json");
    assertThat(result.exitCode()).isZero();
    Chat[] chats = JSON.readValue(result.out(), Chat[].class);
    assertThat(chats).extracting(Chat::chatId).contains(directChat);
    assertThat(chats)
        .allSatisfy(chat -> assertThat(chat.status()).isEqualTo(ChatStatus.WAITING_FOR_PARTNER));
  }

  @Test
  void globalOptions_mayAlsoComeBeforeTheCommand() throws Exception {
    CliRun.Result result =
        cli()
            .run(
                "--sandbox", "--base-url", sandbox.baseUrl(), "--output", "json", "chats", "--all");
    assertThat(result.exitCode()).isZero();
    assertThat(JSON.readValue(result.out(), Chat[].class))
        .extracting(Chat::chatId)
        .contains(directChat);
    // After the command wins over before it.
    CliRun.Result table =
        cli()
            .run(
                "-o",
                "json",
                "chat",
                Long.toString(directChat),
                "-o",
                "table",
                "--sandbox",
                "--base-url",
                sandbox.baseUrl());
    assertThat(table.out()).startsWith("Chat:");
  }

  @Test
  void chats_withoutAll_printsOnePageAndSaysMoreExist() {
    market.buyerOpensDirectChat(BUSINESS, "Boris", "Hello?");
    CliRun.Result result = run("chats", "--limit", "1");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out().lines().count()).isEqualTo(2);
    assertThat(result.err()).contains("--all");
  }

  @Test
  void chat_showsOneChat_asTextAndAsJson() throws Exception {
    CliRun.Result table = run("chat", Long.toString(directChat));
    assertThat(table.exitCode()).isZero();
    assertThat(table.out()).contains("Chat:      " + directChat, "Customer:  Anna", "DIRECT");
    CliRun.Result json = run("chat", Long.toString(directChat), "--output", "JSON");
    assertThat(JSON.readValue(json.out(), Chat.class).chatId()).isEqualTo(directChat);
  }

  @Test
  void history_showsMessagesOldestFirst_andFromAGivenMessage() throws Exception {
    CliRun.Result table = run("history", Long.toString(directChat), "--all");
    assertThat(table.exitCode()).isZero();
    String out = table.out();
    assertThat(out).contains("MESSAGE ID", "CUSTOMER");
    assertThat(out.indexOf("blue kettle")).isLessThan(out.indexOf("Saturday"));

    CliRun.Result from =
        run(
            "history",
            Long.toString(directChat),
            "--from",
            Long.toString(firstMessage),
            "-o",
            "json");
    ChatMessage[] messages = JSON.readValue(from.out(), ChatMessage[].class);
    assertThat(messages).extracting(ChatMessage::messageId).first().isEqualTo(firstMessage);
    assertThat(messages)
        .extracting(ChatMessage::message)
        .doesNotContain("Is the blue kettle in stock?");
  }

  @Test
  void message_showsOneMessage() throws Exception {
    CliRun.Result json =
        run("message", Long.toString(directChat), Long.toString(firstMessage), "-o", "json");
    assertThat(json.exitCode()).isZero();
    ChatMessage message = JSON.readValue(json.out(), ChatMessage.class);
    assertThat(message.message()).isEqualTo("And can it be delivered on Saturday?");
    CliRun.Result table = run("message", Long.toString(directChat), Long.toString(firstMessage));
    assertThat(table.out()).contains("Sender:    CUSTOMER", "Saturday");
  }

  @Test
  void send_postsTheText_andDashReadsUtf8FromStdin() throws Exception {
    long chat = market.buyerOpensDirectChat(BUSINESS, "Vera", "Привет");
    CliRun.Result plain = run("send", Long.toString(chat), "Hello from the CLI");
    assertThat(plain.exitCode()).isZero();
    assertThat(plain.out()).contains("Sent to chat " + chat);

    CliRun.Result reconciled =
        run("send", Long.toString(chat), "Sent with reconciliation", "--reconcile");
    assertThat(reconciled.exitCode()).isZero();

    CliRun.Result piped =
        cli()
            .stdin("Здравствуйте! Ответ из stdin 👋\n")
            .run(args("send", Long.toString(chat), "-", "-o", "json"));
    assertThat(piped.exitCode()).isZero();
    assertThat(JSON.readTree(piped.out()).path("sent").asBoolean()).isTrue();

    ChatMessage[] history =
        JSON.readValue(
            run("history", Long.toString(chat), "--all", "-o", "json").out(), ChatMessage[].class);
    assertThat(history)
        .extracting(ChatMessage::message)
        .contains(
            "Hello from the CLI", "Sent with reconciliation", "Здравствуйте! Ответ из stdin 👋");
  }

  @Test
  void send_emptyStdin_isInvalidInput() {
    CliRun.Result result = cli().stdin("\n").run(args("send", Long.toString(directChat), "-"));
    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err()).contains("empty");
  }

  @Test
  void sendFile_thenDownload_roundTripsTheBytes_andRefusesToOverwriteWithoutForce()
      throws Exception {
    long chat = market.buyerOpensDirectChat(BUSINESS, "Gleb", "Send me the invoice please");
    Path file = dir.resolve("invoice.txt");
    Files.writeString(file, "Invoice 42\nTotal: 1990 RUB\n");
    CliRun.Result sent = run("send-file", Long.toString(chat), file.toString());
    assertThat(sent.exitCode()).isZero();
    assertThat(sent.out()).contains("Sent invoice.txt");

    ChatMessage[] history =
        JSON.readValue(
            run("history", Long.toString(chat), "--all", "-o", "json").out(), ChatMessage[].class);
    ChatMessage withFile =
        Arrays.stream(history).filter(m -> !m.payload().isEmpty()).findFirst().orElseThrow();
    assertThat(withFile.payload().get(0).name()).isEqualTo("invoice.txt");

    Path out = dir.resolve("downloads");
    CliRun.Result first =
        run(
            "download",
            Long.toString(chat),
            Long.toString(withFile.messageId()),
            "--out",
            out.toString());
    assertThat(first.exitCode()).isZero();
    assertThat(Files.readString(out.resolve("invoice.txt")))
        .isEqualTo("Invoice 42\nTotal: 1990 RUB\n");

    CliRun.Result again =
        run(
            "download",
            Long.toString(chat),
            Long.toString(withFile.messageId()),
            "--out",
            out.toString());
    assertThat(again.exitCode()).isEqualTo(ExitCodes.GENERIC);
    assertThat(again.err()).contains("already exists", "--force");

    CliRun.Result forced =
        run(
            "download",
            Long.toString(chat),
            Long.toString(withFile.messageId()),
            "--out",
            out.toString(),
            "--force",
            "-o",
            "json");
    assertThat(forced.exitCode()).isZero();
    assertThat(JSON.readTree(forced.out()).get(0).path("size").asLong())
        .isEqualTo(Files.size(file));
  }

  @Test
  void download_sanitisesTheBuyersFileName() throws Exception {
    long chat = market.buyerOpensDirectChat(BUSINESS, "Dina", "Photo of the damage");
    long message =
        market.buyerSendsFile(
            BUSINESS, chat, "../../.bashrc", "not really".getBytes(StandardCharsets.UTF_8));
    Path out = dir.resolve("safe");
    CliRun.Result result =
        run("download", Long.toString(chat), Long.toString(message), "--out", out.toString());
    assertThat(result.exitCode()).isZero();
    assertThat(out.resolve("_bashrc")).hasContent("not really");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).doesNotContain(".bashrc");
    }
  }

  @Test
  void download_ofAMessageWithoutFiles_isNotFound() {
    CliRun.Result result =
        run(
            "download",
            Long.toString(directChat),
            Long.toString(firstMessage),
            "--out",
            dir.toString());
    assertThat(result.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(result.err()).contains("has no files");
  }

  @Test
  void create_opensAChatForAnOrder_andReturnsTheSameChatTwice() throws Exception {
    long order = market.createOrder(BUSINESS, SandboxDemo.CAMPAIGN_ID, "Egor");
    CliRun.Result created = run("create", "--order", Long.toString(order), "-o", "json");
    assertThat(created.exitCode()).isZero();
    long chatId = JSON.readTree(created.out()).path("chatId").asLong();
    assertThat(chatId).isPositive();
    CliRun.Result again = run("create", "--order", Long.toString(order));
    assertThat(again.out()).contains("Chat " + chatId + " for ORDER " + order);
  }

  @Test
  void create_forAReturn_works() throws Exception {
    long order = market.createOrder(BUSINESS, SandboxDemo.CAMPAIGN_ID, "Fedor");
    long ret = market.createReturn(BUSINESS, order);
    CliRun.Result created = run("create", "--return", Long.toString(ret), "-o", "json");
    assertThat(created.exitCode()).isZero();
    JsonNode chat =
        JSON.readTree(
            run("chat", JSON.readTree(created.out()).path("chatId").asText(), "-o", "json").out());
    assertThat(chat.path("context").path("type").asText()).isEqualTo("RETURN");
  }

  @Test
  void create_needsExactlyOneOfOrderAndReturn() {
    assertThat(run("create", "--order", "1", "--return", "2").exitCode())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(run("create").exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void unknownChat_isNotFound() {
    CliRun.Result result = run("chat", "987654321");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(result.errLines()).hasSize(1);
    assertThat(result.err()).contains("HTTP 404");
  }

  @Test
  void readOnlyKey_cannotSend_authError() {
    CliRun.Result result =
        cli()
            .run(
                args(
                    "send",
                    Long.toString(directChat),
                    "hi",
                    "--api-key",
                    SandboxDemo.READ_ONLY_KEY));
    assertThat(result.exitCode()).isEqualTo(ExitCodes.AUTH);
    assertThat(result.errLines()).hasSize(1);
    assertThat(result.err()).contains("HTTP 403").doesNotContain(SandboxDemo.READ_ONLY_KEY);
  }

  @Test
  void otherBusinessKey_isRefused_authError() {
    CliRun.Result result = cli().run(args("chats", "--api-key", SandboxDemo.OTHER_BUSINESS_KEY));
    assertThat(result.exitCode()).isEqualTo(ExitCodes.AUTH);
    assertThat(result.err()).contains("HTTP 403", "--business");
  }

  @Test
  void unknownKey_isRefused_authError() {
    CliRun.Result result = cli().run(args("chats", "--api-key", "no-such-key"));
    assertThat(result.exitCode()).isEqualTo(ExitCodes.AUTH);
  }

  @Test
  void oauthToken_works() {
    CliRun.Result result = cli().run(args("chats", "--oauth-token", SandboxDemo.OAUTH_TOKEN));
    assertThat(result.exitCode()).isZero();
  }
}
