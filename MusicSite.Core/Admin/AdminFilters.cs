using System.Globalization;
using MusicSite.Accounts;
using MusicSite.Common;

namespace MusicSite.Admin;

/// <summary>
/// The one reading of the admin lists' query values, shared by the pages and the API: the user search (text, role,
/// locked) and the audit filter (action or area, actor, entity, dates). Bad values are field errors, never exceptions.
/// Dates are UTC: "2026-12-01" (from: that day's start; to: through that whole day) or a time such as
/// "2026-12-01T10:00:00Z" (a time without an offset is read as UTC).
/// </summary>
public static class AdminFilters
{
    public const int TextMaxLength = 200;

    public static UserSearch Users(string? text, string? role, string? locked, FieldErrors errors)
    {
        var search = Bounded(text, "search", errors);
        string? matchedRole = null;
        if (QueryValues.Text(role) is { } wanted)
        {
            matchedRole = Roles.All.FirstOrDefault(r => string.Equals(r, wanted, StringComparison.OrdinalIgnoreCase));
            if (matchedRole is null)
            {
                errors.Add("role", $"role must be one of {string.Join(", ", Roles.All)}.");
            }
        }
        return new UserSearch(search, matchedRole, QueryValues.Flag(locked, "locked", errors));
    }

    /// <summary><paramref name="actor"/> is an account id (digits) or the name recorded at the time.</summary>
    public static AuditQuery Audit(string? action, string? actor, string? entityType, string? entityId, string? from, string? to,
        FieldErrors errors)
    {
        var actorText = Bounded(actor, "actor", errors);
        int? actorId = actorText is not null && actorText.All(char.IsAsciiDigit)
            ? QueryValues.WholeNumber(actorText, "actor", int.MaxValue, errors)
            : null;
        var fromAt = Date(from, "from", endOfDay: false, errors);
        var toAt = Date(to, "to", endOfDay: true, errors);
        if (fromAt is not null && toAt is not null && toAt <= fromAt)
        {
            errors.Add("to", "to must be after from.");
        }
        return new AuditQuery(Bounded(entityType, "entityType", errors), Bounded(entityId, "entityId", errors), actorId,
            Bounded(action, "action", errors)?.ToLowerInvariant(), actorId is null ? actorText : null, fromAt, toAt);
    }

    private static string? Bounded(string? value, string field, FieldErrors errors)
    {
        var text = QueryValues.Text(value);
        if (text is { Length: > TextMaxLength })
        {
            errors.Add(field, $"{field} can be at most {TextMaxLength} characters.");
            return null;
        }
        return text;
    }

    private static DateTime? Date(string? value, string field, bool endOfDay, FieldErrors errors)
    {
        if (QueryValues.Text(value) is not { } text)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            return !endOfDay ? start : day < DateOnly.MaxValue ? start.AddDays(1) : DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc);
        }
        if (text.Length <= 40 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at.UtcDateTime;
        }
        errors.Add(field, $"{field} must be a UTC date (2026-12-01) or time (2026-12-01T10:00:00Z).");
        return null;
    }
}
