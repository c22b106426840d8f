using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Accounts;
using MusicSite.Common;
using MusicSite.Notifications;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>The caller's settings as JSON. <c>mail</c> lists every kind of notification with whether it is mailed.</summary>
public sealed record PreferencesResponse(string Theme, string StreamQuality, IReadOnlyDictionary<string, bool> Mail,
    bool ProfilePublic, bool LikesPublic, bool FollowsPublic, DateTime? UpdatedAt)
{
    public static PreferencesResponse From(PreferencesView view) => new(
        Preferences.Name(view.Settings.Theme), Preferences.Name(view.Settings.StreamQuality),
        NotificationKinds.All.ToDictionary(NotificationKinds.Key, view.MailKinds.Contains),
        view.Settings.ProfilePublic, view.Settings.LikesPublic, view.Settings.FollowsPublic,
        view.Settings.UpdatedAt == default ? null : view.Settings.UpdatedAt);
}

/// <summary>GET/PUT /api/me/preferences: the caller's theme, default stream quality, mail opt-ins and privacy.</summary>
public static class PreferencesApi
{
    public const string Path = "/api/me/preferences";

    public static IEndpointRouteBuilder MapPreferencesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Preferences").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/", GetAsync).RequireRateLimiting(RateLimits.Reads);
        group.MapPut("/", PutAsync).RequireRateLimiting(RateLimits.Edits);
        return app;
    }

    public static async Task<Ok<PreferencesResponse>> GetAsync(ClaimsPrincipal user, Preferences preferences,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(PreferencesResponse.From(await preferences.ViewAsync(user.UserId()!.Value, cancellationToken)));

    /// <summary>Changes the fields sent; a field left out stays. <c>mail</c> is an object of kind → true/false (only
    /// the kinds named change) or a list of kinds (exactly those are mailed).</summary>
    public static async Task<Results<Ok<PreferencesResponse>, ProblemHttpResult>> PutAsync(JsonElement body, ClaimsPrincipal user,
        Preferences preferences, CancellationToken cancellationToken)
    {
        if (!JsonBody.IsObject(body))
        {
            return JsonBody.NotAnObject();
        }
        var errors = new FieldErrors();
        var (mail, replace) = Mail(body, errors);
        var change = new PreferencesChange
        {
            Theme = JsonBody.Text(body, "theme", errors),
            StreamQuality = JsonBody.Text(body, "streamQuality", errors),
            Mail = mail,
            ReplaceMail = replace,
            ProfilePublic = Flag(body, "profilePublic", errors),
            LikesPublic = Flag(body, "likesPublic", errors),
            FollowsPublic = Flag(body, "followsPublic", errors),
        };
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var result = await preferences.SaveAsync(user.UserId()!.Value, change, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(PreferencesResponse.From(result.Value!)) : ApiProblems.FromResult(result.Code!, result.Errors);
    }

    private static bool? Flag(JsonElement body, string name, FieldErrors errors)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }
        errors.Add(name, $"{name} must be true or false.");
        return null;
    }

    private static (IReadOnlyDictionary<string, bool>? Mail, bool Replace) Mail(JsonElement body, FieldErrors errors)
    {
        if (!body.TryGetProperty("mail", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return (null, false);
        }
        var mail = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in value.EnumerateObject())
            {
                if (property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    mail[property.Name] = property.Value.GetBoolean();
                }
                else
                {
                    errors.Add("mail", "Each kind in mail must be true or false.");
                }
            }
            return (mail, false);
        }
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    mail[item.GetString()!] = true;
                }
                else
                {
                    errors.Add("mail", "A mail list holds the names of kinds of notification.");
                }
            }
            return (mail, true);
        }
        errors.Add("mail", "mail must be an object of kind → true/false, or a list of kinds.");
        return (null, false);
    }
}
