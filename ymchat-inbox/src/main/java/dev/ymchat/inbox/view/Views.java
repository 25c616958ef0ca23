package dev.ymchat.inbox.view;

import java.util.List;

/** The records the templates render; every string in them is escaped by JTE when shown. */
public final class Views {

  private Views() {}

  /**
   * What every page shows around its content.
   *
   * @param title the page title
   * @param login the operator, or null on the login page
   * @param csrf the CSRF token of the session (or of the login form)
   * @param events a live page's event stream, naming the moment the page was drawn (so changes
   *     after it reach the page even if they came before it connected); empty on other pages
   */
  public record Frame(String title, String login, String csrf, String events) {}

  /**
   * One choice of a facet.
   *
   * @param label what it says
   * @param href the list with this choice
   * @param count the chats it would show
   * @param selected whether it is the current choice
   */
  public record Option(String label, String href, long count, boolean selected) {}

  /**
   * One facet of the list.
   *
   * @param name the facet's name
   * @param options its choices
   */
  public record Facet(String name, List<Option> options) {}

  /**
   * Who and what a chat is about, shown in the list and beside the conversation.
   *
   * @param business the business
   * @param chatId the chat
   * @param customer the buyer
   * @param context order, return or direct, with the id
   * @param dispute whether it is a dispute
   * @param marketStatus Market's status
   */
  public record ChatHead(
      long business,
      long chatId,
      String customer,
      String context,
      boolean dispute,
      String marketStatus) {}

  /**
   * One chat in the list.
   *
   * @param id the element id
   * @param href the conversation
   * @param chat who and what it is about
   * @param lastText the newest message's preview
   * @param lastSender who wrote it
   * @param waiting how long the buyer waits, or empty
   * @param clock the response clock, or empty
   * @param clockState ok, risk, breach or empty
   * @param assignee who has it, or empty
   * @param status the inbox status
   * @param needsAnswer whether the buyer waits
   * @param since since when the buyer waits, in epoch milliseconds, or 0
   */
  public record Row(
      String id,
      String href,
      ChatHead chat,
      String lastText,
      String lastSender,
      String waiting,
      String clock,
      String clockState,
      String assignee,
      String status,
      boolean needsAnswer,
      long since) {}

  /**
   * The list page and its live fragment.
   *
   * @param frame the frame
   * @param query the filters as a query string
   * @param facets the facets with counts
   * @param rows the chats
   * @param total how many chats match
   * @param atRisk how many clocks are due within 15 minutes
   * @param breached how many are past due
   * @param text the search text
   * @param truncated whether more chats match than are shown
   */
  public record ListPage(
      Frame frame,
      String query,
      List<Facet> facets,
      List<Row> rows,
      long total,
      long atRisk,
      long breached,
      String text,
      boolean truncated) {}

  /**
   * A file of a message.
   *
   * @param name its name
   * @param href its download through the inbox
   * @param image whether it is shown inline
   * @param size its size, for people
   */
  public record File(String name, String href, boolean image, String size) {}

  /**
   * One message of the thread.
   *
   * @param id the element id
   * @param sender buyer, you, Market or support
   * @param senderClass the CSS class of the sender
   * @param time when, in the operator's words
   * @param text the text
   * @param files its files
   * @param delivery the reply's delivery state, or empty
   */
  public record Message(
      String id,
      String sender,
      String senderClass,
      String time,
      String text,
      List<File> files,
      String delivery) {}

  /**
   * A reply of the outbox not yet in the mirror (or failed).
   *
   * @param id the reply id
   * @param state queued, sent or failed
   * @param text the text, or the file's name
   * @param error why it failed, or empty
   * @param failed whether retry, edit and cancel apply
   * @param queued whether edit and cancel apply
   */
  public record Reply(
      long id, String state, String text, String error, boolean failed, boolean queued) {}

  /**
   * A canned reply.
   *
   * @param name the short name typed after /
   * @param text the text
   */
  public record Canned(String name, String text) {}

  /**
   * The conversation's live part: messages, replies, queue state.
   *
   * @param base the chat's path
   * @param csrf the CSRF token
   * @param messages the messages, oldest first
   * @param replies the replies not yet in the mirror
   * @param assignee who has the chat, or empty
   * @param operators the operators the chat can be assigned to (those granted its business)
   * @param status the inbox status
   * @param notice a notice such as who won a take, or empty
   * @param me the operator
   */
  public record ThreadView(
      String base,
      String csrf,
      List<Message> messages,
      List<Reply> replies,
      String assignee,
      List<String> operators,
      String status,
      String notice,
      String me) {}

  /**
   * The conversation page.
   *
   * @param frame the frame
   * @param chat who and what it is about
   * @param clock the response clock, or empty
   * @param thread the live part
   * @param canned the canned replies
   * @param backHref the list
   * @param nextHref the next chat of the list, or empty
   * @param prevHref the previous chat, or empty
   */
  public record ChatPage(
      Frame frame,
      ChatHead chat,
      String clock,
      ThreadView thread,
      List<Canned> canned,
      String backHref,
      String nextHref,
      String prevHref) {}

  /**
   * The settings of one business.
   *
   * @param business the business
   * @param firstMinutes the first-response target
   * @param nextMinutes the next-response target
   * @param hoursStart opening time
   * @param hoursEnd closing time
   * @param zone the time zone
   * @param canned the canned replies, one "name: text" a line
   */
  public record BusinessForm(
      long business,
      int firstMinutes,
      int nextMinutes,
      String hoursStart,
      String hoursEnd,
      String zone,
      String canned) {}

  /**
   * The settings page.
   *
   * @param frame the frame
   * @param businesses one form per granted business
   * @param saved a notice after saving, or empty
   */
  public record SettingsPage(Frame frame, List<BusinessForm> businesses, String saved) {}
}
