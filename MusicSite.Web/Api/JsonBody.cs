using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Common;

namespace MusicSite.Web.Api;

/// <summary>The one rule for JSON bodies that carry fields: the body is an object, or the answer is a 400.</summary>
public static class JsonBody
{
    public static bool IsObject(JsonElement body) => body.ValueKind == JsonValueKind.Object;

    /// <summary>Reads a request body that must be a JSON object: the object, or the problem to answer with.</summary>
    public static async Task<(JsonElement Body, ProblemHttpResult? Problem)> ReadObjectAsync(HttpRequest request,
        CancellationToken cancellationToken)
    {
        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return (default, ApiProblems.Problem(ErrorCodes.ValidationFailed, "The JSON body could not be read."));
        }
        return IsObject(body) ? (body, null) : (body, NotAnObject());
    }

    public static ProblemHttpResult NotAnObject() =>
        ApiProblems.Validation(new FieldErrors().Add("body", "Send a JSON object with the fields to set."));

    /// <summary>A text property: absent or null is null; any other kind is <paramref name="error"/>'s to report.</summary>
    public static string? Text(JsonElement body, string name, FieldErrors errors)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(name, $"{name} must be a string.");
            return null;
        }
        return value.GetString();
    }

    /// <summary>An id property: absent or null is null; a whole number from 1 up is the id; anything else (text,
    /// a fraction, zero) is an error for <paramref name="name"/>.</summary>
    public static int? Id(JsonElement body, string name, FieldErrors errors)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var id) && id > 0)
        {
            return id;
        }
        errors.Add(name, $"{name} must be an id: a whole number from 1 up.");
        return null;
    }

    /// <summary>A number property: absent or null is null; any other kind is an error for <paramref name="name"/>.</summary>
    public static double? Number(JsonElement body, string name, FieldErrors errors)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
        {
            return number;
        }
        errors.Add(name, $"{name} must be a number.");
        return null;
    }

    /// <summary>A timestamp property: absent or null is null; an RFC 3339 text with its offset or "Z"
    /// ("2026-12-24T18:00:00Z") is the moment; anything else is an error for <paramref name="name"/>.</summary>
    public static DateTimeOffset? Timestamp(JsonElement body, string name, FieldErrors errors)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: >= 20 } text
            && (text.EndsWith('Z') || text.EndsWith('z') || text[^6] is '+' or '-')
            && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var moment))
        {
            return moment;
        }
        errors.Add(name, $"{name} must be a time with its offset, such as 2026-12-24T18:00:00Z.");
        return null;
    }
}
