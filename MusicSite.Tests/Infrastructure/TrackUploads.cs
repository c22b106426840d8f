using System.Net.Http.Headers;
using System.Text.Json;

namespace MusicSite.Tests.Infrastructure;

/// <summary>Uploading through POST /api/music/tracks and waiting for the pipeline, as an API client would.</summary>
public static class TrackUploads
{
    public static MultipartFormDataContent Form(string audioPath, IEnumerable<(string Name, string Value)>? fields = null,
        string? artworkPath = null, string? fileName = null)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields ?? [])
        {
            form.Add(new StringContent(value), name);
        }
        var audio = new StreamContent(File.OpenRead(audioPath));
        audio.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(audio, "audio", fileName ?? Path.GetFileName(audioPath));
        if (artworkPath is not null)
        {
            form.Add(new StreamContent(File.OpenRead(artworkPath)), "artwork", Path.GetFileName(artworkPath));
        }
        return form;
    }

    public static async Task<JsonElement> UploadAsync(this HttpClient client, string audioPath,
        params (string Name, string Value)[] fields)
    {
        var response = await client.PostAsync("/api/music/tracks", Form(audioPath, fields));
        Assert.True(201 == (int)response.StatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    /// <summary>
    /// Polls the track until processing ends (ready or failed) and returns it; throws with the track's state, step
    /// and error when it is still running after <paramref name="seconds"/>.
    /// </summary>
    public static Task<JsonElement> WaitForProcessingAsync(this HttpClient client, int id, int seconds = 120) =>
        Eventually.Until($"track {id} to finish processing",
            async () => await (await client.GetAsync($"/api/music/tracks/{id}")).JsonAsync(),
            track => ProcessingState(track) is "ready" or "failed",
            TimeSpan.FromSeconds(seconds),
            track => track.TryGetProperty("processing", out var processing) ? processing.GetRawText() : track.GetRawText());

    private static string? ProcessingState(JsonElement track) =>
        track.TryGetProperty("processing", out var processing) ? processing.GetProperty("state").GetString() : null;

    public const string AdminEmail = "admin@musicsite.test";
    public const string AdminPassword = "Adm1nPassw0rd";

    /// <summary>Makes the site ensure its admin account at start; call before the site's first request.</summary>
    public static MusicSiteFactory WithAdmin(this MusicSiteFactory site)
    {
        site.Settings["MUSICSITE_ADMIN_EMAIL"] = AdminEmail;
        site.Settings["MUSICSITE_ADMIN_PASSWORD"] = AdminPassword;
        return site;
    }

    /// <summary>A client signed in with a bearer token as the admin of a site set up <see cref="WithAdmin"/>.</summary>
    public static async Task<HttpClient> AdminClientAsync(this MusicSiteFactory site)
    {
        var client = site.CreateClient();
        var token = (await client.LoginAsync(AdminEmail, AdminPassword)).GetProperty("accessToken").GetString()!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<HttpClient> ArtistClientAsync(this MusicSiteFactory site)
    {
        var client = site.CreateClient();
        var email = $"artist-{Guid.NewGuid():N}@example.com";
        var registered = await client.RegisterAsync(email, displayName: "Uploader", accountType: "Artist");
        Assert.Equal(201, (int)registered.StatusCode);
        var token = (await client.LoginAsync(email)).GetProperty("accessToken").GetString()!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
