using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Attribution;

/// <summary>
/// A stem's fields as a form or the API sent them, as text. For an upload a missing field takes its default (key and
/// bpm: the track's); for an edit a null field stays as it is.
/// </summary>
public sealed record StemFieldsInput
{
    public string? Name { get; init; }
    public string? InstrumentTypeId { get; init; }
    /// <summary>A license by code ("cc-by-sa") or name ("CC BY-SA").</summary>
    public string? License { get; init; }
    public string? RemixAllowed { get; init; }
    public string? CommercialAllowed { get; init; }
    public string? AttributionRequired { get; init; }
    public string? IsDownloadable { get; init; }
    public string? Key { get; init; }
    public string? Bpm { get; init; }
}

/// <summary>The JSON and form names of a stem's fields (the seed design's).</summary>
public static class StemFieldNames
{
    public const string TrackId = "trackId";
    public const string Name = "name";
    public const string InstrumentTypeId = "instrumentTypeId";
    public const string License = "license";
    public const string RemixAllowed = "remixAllowed";
    public const string CommercialAllowed = "commercialAllowed";
    public const string AttributionRequired = "attributionRequired";
    public const string IsDownloadable = "isDownloadable";
    public const string Key = "key";
    public const string Bpm = "bpm";
}

/// <summary>
/// The rules of a stem's own fields: a one-line name, an instrument of the seeded list, a license, the four rights and
/// key/bpm by the track rules (<see cref="TrackMetadataRules"/>). Used for uploads and edits alike.
/// </summary>
public sealed class StemFields(MusicSiteDbContext db, CatalogLookups lookups)
{
    public const int NameMax = 100;

    /// <summary>Applies the given fields to <paramref name="stem"/>, reporting every broken rule in <paramref name="errors"/>.
    /// For a new stem (<paramref name="isNew"/>) a missing field gets its default; for an edit it is left as it is.</summary>
    public async Task ApplyAsync(Stem stem, StemFieldsInput input, bool isNew, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (input.Name is not null || isNew)
        {
            var name = input.Name?.Trim();
            CheckName(name, errors);
            stem.Name = name ?? "";
        }
        if (input.InstrumentTypeId is not null || isNew)
        {
            if (await InstrumentAsync(input.InstrumentTypeId, cancellationToken) is { } instrumentId)
            {
                stem.InstrumentTypeId = instrumentId;
            }
            else
            {
                errors.Add(StemFieldNames.InstrumentTypeId, "Choose an instrument from the list.");
            }
        }
        if ((input.License is not null || isNew) && await lookups.LicenseAsync(input.License, errors, cancellationToken) is { } licenseId)
        {
            stem.LicenseId = licenseId;
        }
        stem.RemixAllowed = Flag(input.RemixAllowed, stem.RemixAllowed, isNew, false, StemFieldNames.RemixAllowed, errors);
        stem.CommercialAllowed = Flag(input.CommercialAllowed, stem.CommercialAllowed, isNew, false, StemFieldNames.CommercialAllowed, errors);
        stem.AttributionRequired = Flag(input.AttributionRequired, stem.AttributionRequired, isNew, true, StemFieldNames.AttributionRequired, errors);
        stem.IsDownloadable = Flag(input.IsDownloadable, stem.IsDownloadable, isNew, false, StemFieldNames.IsDownloadable, errors);
        if (input.Key is not null || isNew)
        {
            stem.Key = TrackMetadataRules.ParseKey(input.Key, errors);
        }
        if (input.Bpm is not null || isNew)
        {
            stem.Bpm = TrackMetadataRules.ParseBpm(input.Bpm, errors);
        }
    }

    public static void CheckName(string? name, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(StemFieldNames.Name, "Name the stem, like \"Drums\" or \"Lead vocal\".");
        }
        else if (name.Length > NameMax)
        {
            errors.Add(StemFieldNames.Name, $"The name can be at most {NameMax} characters.");
        }
        TextRules.CheckSingleLine(name, StemFieldNames.Name, errors);
    }

    private async Task<int?> InstrumentAsync(string? requested, CancellationToken cancellationToken) =>
        int.TryParse(requested?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
        && await db.InstrumentTypes.AnyAsync(i => i.Id == id, cancellationToken)
            ? id
            : null;

    private static bool Flag(string? text, bool current, bool isNew, bool whenNew, string field, FieldErrors errors) =>
        text is null && !isNew ? current : TrackMetadataRules.ParseFlag(text, isNew ? whenNew : current, field, errors);
}
