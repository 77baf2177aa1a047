package dev.driftless.project;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A five-field cron schedule (minute, hour, day of month, month, day of week) as Argo CD's sync windows read it
 * (robfig/cron's standard parser): lists ({@code 1,15}), ranges ({@code 1-5}), steps ({@code *}{@code /15},
 * {@code 10-50/20}, {@code 5/10} meaning 5 to the maximum), {@code *} and {@code ?}, month names
 * ({@code JAN}-{@code DEC}) and day names ({@code SUN}-{@code SAT}, Sunday is 0), and the descriptors
 * {@code @yearly}, {@code @annually}, {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight} and
 * {@code @hourly}. When both day fields are restricted a day matches either (cron's rule); when one is {@code *}
 * or {@code ?}, both must match. Fire times are whole minutes, read in the window's time zone.
 */
final class CronSchedule {

  /** How far a search for a fire time goes before it gives up (a schedule such as Feb 30 never fires). */
  private static final int SEARCH_DAYS = 366 * 5;

  private static final Map<String, String> DESCRIPTORS = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
      "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
      "@hourly", "0 * * * *");
  private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
      "oct", "nov", "dec");
  private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

  private final String text;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean anyDayOfMonth;
  private final boolean anyDayOfWeek;

  private CronSchedule(String text, Field[] f) {
    this.text = text;
    this.minutes = f[0].bits;
    this.hours = f[1].bits;
    this.daysOfMonth = f[2].bits;
    this.months = f[3].bits;
    this.daysOfWeek = f[4].bits;
    this.anyDayOfMonth = f[2].star;
    this.anyDayOfWeek = f[4].star;
  }

  /** Parses a schedule; an {@link IllegalArgumentException} says which field is wrong and why. */
  static CronSchedule parse(String text) {
    String spec = text == null ? "" : text.strip();
    String expanded = DESCRIPTORS.getOrDefault(spec.toLowerCase(Locale.ROOT), spec);
    if (expanded.startsWith("@")) {
      throw new IllegalArgumentException("descriptor " + spec + " is not supported (use five fields or one of "
          + DESCRIPTORS.keySet().stream().sorted().toList() + ")");
    }
    String[] parts = expanded.split("\\s+");
    if (parts.length != 5) {
      throw new IllegalArgumentException("expected 5 fields (minute hour day-of-month month day-of-week), found "
          + (expanded.isEmpty() ? 0 : parts.length));
    }
    Field[] f = {
        Field.parse("minute", parts[0], 0, 59, List.of()),
        Field.parse("hour", parts[1], 0, 23, List.of()),
        Field.parse("day of month", parts[2], 1, 31, List.of()),
        Field.parse("month", parts[3], 1, 12, MONTHS),
        Field.parse("day of week", parts[4], 0, 6, DAYS)};
    return new CronSchedule(spec, f);
  }

  /** The first fire time at or after {@code from}; empty when the schedule fires on no date in five years. */
  Optional<Instant> nextAtOrAfter(Instant from, ZoneId zone) {
    LocalDateTime start = LocalDateTime.ofInstant(from, zone);
    LocalDate day = start.toLocalDate();
    for (int i = 0; i < SEARCH_DAYS; i++, day = day.plusDays(1)) {
      if (!dayMatches(day)) continue;
      for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
        for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
          Instant fire = ZonedDateTime.of(day.atTime(h, m), zone).toInstant();
          if (!fire.isBefore(from)) return Optional.of(fire);
        }
      }
    }
    return Optional.empty();
  }

  /** The last fire time at or before {@code at}, looking back no further than {@code notBefore} (exclusive). */
  Optional<Instant> previousAtOrBefore(Instant at, Instant notBefore, ZoneId zone) {
    LocalDate day = LocalDateTime.ofInstant(at, zone).toLocalDate();
    LocalDate last = LocalDateTime.ofInstant(notBefore, zone).toLocalDate().minusDays(1);
    for (; !day.isBefore(last); day = day.minusDays(1)) {
      if (!dayMatches(day)) continue;
      for (int h = hours.previousSetBit(23); h >= 0; h = hours.previousSetBit(h - 1)) {
        for (int m = minutes.previousSetBit(59); m >= 0; m = minutes.previousSetBit(m - 1)) {
          Instant fire = ZonedDateTime.of(day.atTime(LocalTime.of(h, m)), zone).toInstant();
          if (!fire.isAfter(at) && fire.isAfter(notBefore)) return Optional.of(fire);
        }
      }
    }
    return Optional.empty();
  }

  private boolean dayMatches(LocalDate day) {
    if (!months.get(day.getMonthValue())) return false;
    boolean dom = daysOfMonth.get(day.getDayOfMonth());
    boolean dow = daysOfWeek.get(day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : day.getDayOfWeek().getValue());
    return anyDayOfMonth || anyDayOfWeek ? dom && dow : dom || dow;
  }

  @Override
  public String toString() {
    return text;
  }

  /** One field's allowed values, and whether it was written as an unrestricted {@code *} or {@code ?}. */
  private record Field(BitSet bits, boolean star) {

    static Field parse(String name, String text, int min, int max, List<String> names) {
      BitSet bits = new BitSet(max + 1);
      boolean star = false;
      for (String part : text.split(",", -1)) {
        String[] rangeAndStep = part.split("/", -1);
        if (rangeAndStep.length > 2 || rangeAndStep[0].isEmpty()) {
          throw invalid(name, part, "is not a value, range or step");
        }
        String[] bounds = rangeAndStep[0].split("-", -1);
        int lo;
        int hi;
        boolean wildcard = bounds[0].equals("*") || bounds[0].equals("?");
        if (wildcard && bounds.length == 1) {
          lo = min;
          hi = max;
        } else if (!wildcard && bounds.length <= 2) {
          lo = value(name, bounds[0], min, max, names);
          hi = bounds.length == 2 ? value(name, bounds[1], min, max, names)
              : rangeAndStep.length == 2 ? max : lo;
        } else {
          throw invalid(name, part, "is not a value, range or step");
        }
        int step = 1;
        if (rangeAndStep.length == 2) {
          step = rangeAndStep[1].matches("\\d{1,3}") ? Integer.parseInt(rangeAndStep[1]) : 0;
          if (step < 1) throw invalid(name, part, "has a step that is not a positive number");
        }
        if (lo > hi) throw invalid(name, part, "has a range whose start is after its end");
        for (int v = lo; v <= hi; v += step) bits.set(v);
        star |= wildcard && step == 1;
      }
      return new Field(bits, star);
    }

    private static int value(String name, String text, int min, int max, List<String> names) {
      int named = names.indexOf(text.toLowerCase(Locale.ROOT));
      if (named >= 0) return named + min;
      if (!text.matches("\\d{1,2}")) throw invalid(name, text, "is not a number" + (names.isEmpty() ? ""
          : " or a name (" + names.get(0).toUpperCase(Locale.ROOT) + "...)"));
      int v = Integer.parseInt(text);
      if (v < min || v > max) throw invalid(name, text, "is outside " + min + "-" + max);
      return v;
    }

    private static IllegalArgumentException invalid(String name, String part, String problem) {
      return new IllegalArgumentException(name + " '" + part + "' " + problem);
    }
  }
}
