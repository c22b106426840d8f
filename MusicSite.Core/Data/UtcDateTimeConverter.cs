using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MusicSite.Data;

/// <summary>Stores a DateTime as UTC and reads it back with <see cref="DateTimeKind.Utc"/>. A local time is
/// converted on the way in; an unspecified one is taken to be UTC already, as every writer here uses UTC.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
