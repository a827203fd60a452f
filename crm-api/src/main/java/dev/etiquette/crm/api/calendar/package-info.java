/**
 * Business calendars and business-time arithmetic, the base of response deadlines (SLAs).
 *
 * <p>A {@link dev.etiquette.crm.api.calendar.BusinessCalendar} is a time zone, a weekly schedule of
 * {@link dev.etiquette.crm.api.calendar.OpenInterval}s, holidays and special dates. It answers whether it is open
 * at an instant, how much open (business) time lies between two instants, which instant is a given amount of
 * business time after another (a deadline), and when it next opens and closes. Open means: the instant's
 * wall-clock time in the calendar's zone lies in an interval of its local date, which settles days on which the
 * clocks change without a special rule (a skipped hour is never open, a repeated hour is open twice).
 *
 * <p>A {@link dev.etiquette.crm.api.calendar.CalendarChoice} names which calendar a rule counts in: the
 * tenant's, a team's, the customer's own hours, or plain elapsed time.
 *
 * <p>Every type here is an immutable value; the arithmetic reads no clock and keeps no cache. Bad input is
 * reported with a {@link dev.etiquette.crm.api.ValidationException} naming the field, the value and the reason.
 */
package dev.etiquette.crm.api.calendar;
