package dev.ymchat.inbox;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Targets, hours and canned replies per business. */
final class Settings {

  /**
   * A canned reply, inserted in the reply box by typing {@code /name}.
   *
   * @param name the short name
   * @param text the text
   */
  record Canned(String name, String text) {}

  private final Jdbi jdbi;

  Settings(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  BusinessSettings of(long businessId) {
    return jdbi.withHandle(h -> of(h, businessId));
  }

  static BusinessSettings of(Handle h, long businessId) {
    return h.createQuery("SELECT * FROM inbox_business_settings WHERE business_id = :b")
        .bind("b", businessId)
        .map(
            (rs, ctx) ->
                new BusinessSettings(
                    businessId,
                    Duration.ofMinutes(rs.getInt("first_response_minutes")),
                    Duration.ofMinutes(rs.getInt("next_response_minutes")),
                    new BusinessHours(
                        LocalTime.parse(rs.getString("hours_start")),
                        LocalTime.parse(rs.getString("hours_end")),
                        ZoneId.of(rs.getString("time_zone")))))
        .findOne()
        .orElseGet(() -> BusinessSettings.defaults(businessId));
  }

  void save(BusinessSettings s) {
    jdbi.useTransaction(
        h -> {
          h.createUpdate("DELETE FROM inbox_business_settings WHERE business_id = :b")
              .bind("b", s.businessId())
              .execute();
          h.createUpdate(
                  "INSERT INTO inbox_business_settings (business_id, first_response_minutes,"
                      + " next_response_minutes, hours_start, hours_end, time_zone)"
                      + " VALUES (:b, :f, :n, :s, :e, :z)")
              .bind("b", s.businessId())
              .bind("f", (int) s.firstResponse().toMinutes())
              .bind("n", (int) s.nextResponse().toMinutes())
              .bind("s", s.hours().start().toString())
              .bind("e", s.hours().end().toString())
              .bind("z", s.hours().zone().getId())
              .execute();
        });
  }

  List<Canned> canned(long businessId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT short_name, body_text FROM inbox_canned_reply WHERE business_id = :b"
                        + " ORDER BY short_name")
                .bind("b", businessId)
                .map((rs, ctx) -> new Canned(rs.getString(1), rs.getString(2)))
                .list());
  }

  void saveCanned(long businessId, Map<String, String> replies) {
    jdbi.useTransaction(
        h -> {
          h.createUpdate("DELETE FROM inbox_canned_reply WHERE business_id = :b")
              .bind("b", businessId)
              .execute();
          for (Map.Entry<String, String> e : replies.entrySet()) {
            h.createUpdate(
                    "INSERT INTO inbox_canned_reply (business_id, short_name, body_text)"
                        + " VALUES (:b, :n, :t)")
                .bind("b", businessId)
                .bind("n", e.getKey())
                .bind("t", e.getValue())
                .execute();
          }
        });
  }
}
