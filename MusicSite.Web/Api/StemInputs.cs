using System.Text.Json;
using MusicSite.Attribution;

namespace MusicSite.Web.Api;

/// <summary>Stem fields from a request: form fields (multipart or a page's post) or a JSON object, by the names of
/// <see cref="StemFieldNames"/>.</summary>
public static class StemInputs
{
    /// <summary>Form fields; a rights checkbox follows a hidden "false", so its last value wins.</summary>
    public static StemFieldsInput FromForm(Func<string, IReadOnlyList<string>> values) => new()
    {
        Name = values(StemFieldNames.Name).FirstOrDefault(),
        InstrumentTypeId = values(StemFieldNames.InstrumentTypeId).FirstOrDefault(),
        License = values(StemFieldNames.License).FirstOrDefault(),
        RemixAllowed = values(StemFieldNames.RemixAllowed).LastOrDefault(),
        CommercialAllowed = values(StemFieldNames.CommercialAllowed).LastOrDefault(),
        AttributionRequired = values(StemFieldNames.AttributionRequired).LastOrDefault(),
        IsDownloadable = values(StemFieldNames.IsDownloadable).LastOrDefault(),
        Key = values(StemFieldNames.Key).FirstOrDefault(),
        Bpm = values(StemFieldNames.Bpm).FirstOrDefault(),
    };

    /// <summary>JSON fields: one left out is null (unchanged on an edit), a JSON null is empty, numbers and booleans
    /// are read as their text (so the rules report a wrong kind as a field error, never a 500).</summary>
    public static StemFieldsInput FromJson(JsonElement body) => new()
    {
        Name = Text(body, StemFieldNames.Name),
        InstrumentTypeId = Text(body, StemFieldNames.InstrumentTypeId),
        License = Text(body, StemFieldNames.License),
        RemixAllowed = Text(body, StemFieldNames.RemixAllowed),
        CommercialAllowed = Text(body, StemFieldNames.CommercialAllowed),
        AttributionRequired = Text(body, StemFieldNames.AttributionRequired),
        IsDownloadable = Text(body, StemFieldNames.IsDownloadable),
        Key = Text(body, StemFieldNames.Key),
        Bpm = Text(body, StemFieldNames.Bpm),
    };

    public static string? Text(JsonElement body, string name) => !body.TryGetProperty(name, out var v) ? null : v.ValueKind switch
    {
        JsonValueKind.Null => "",
        JsonValueKind.String => v.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => v.GetRawText(),
    };
}
