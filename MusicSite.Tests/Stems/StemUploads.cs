using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MusicSite.Attribution;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Stems;

/// <summary>Uploading stems through POST /api/stems and waiting for their processing, as an API client would.</summary>
internal static class StemUploads
{
    public static Task<int> InstrumentIdAsync(this MusicSiteFactory site, string name = "Drum Kit") =>
        site.WithDbAsync(db => db.InstrumentTypes.Where(i => i.Name == name).Select(i => i.Id).FirstAsync());

    public static MultipartFormDataContent Form(string audioPath, int trackId, int instrumentId, string name = "Drums",
        params (string Name, string Value)[] extra) =>
        TrackUploads.Form(audioPath, [
            ("trackId", trackId.ToString(CultureInfo.InvariantCulture)), ("name", name),
            ("instrumentTypeId", instrumentId.ToString(CultureInfo.InvariantCulture)), .. extra,
        ]);

    public static async Task<JsonElement> UploadStemAsync(this HttpClient client, string audioPath, int trackId, int instrumentId,
        string name = "Drums", params (string Name, string Value)[] extra)
    {
        var response = await client.PostAsync("/api/stems", Form(audioPath, trackId, instrumentId, name, extra));
        Assert.True(201 == (int)response.StatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    /// <summary>A ready track of the client's, uploaded with the given fields.</summary>
    public static async Task<int> ReadyTrackAsync(this HttpClient client, string audioPath, params (string Name, string Value)[] fields)
    {
        var id = (await client.UploadAsync(audioPath, fields)).GetProperty("id").GetInt32();
        var track = await client.WaitForProcessingAsync(id);
        Assert.Equal("ready", track.GetProperty("processing").GetProperty("state").GetString());
        return id;
    }

    /// <summary>Waits until the stem's processing ends (ready or failed) and returns its row with its files.</summary>
    public static Task<Stem> WaitForStemAsync(this MusicSiteFactory site, int stemId, int seconds = 120) =>
        Eventually.Until($"stem {stemId} to finish processing",
            () => site.WithDbAsync(db => db.Stems.AsNoTracking().Include(s => s.Files).FirstAsync(s => s.Id == stemId)),
            stem => stem.State is Catalog.TrackState.Ready or Catalog.TrackState.Failed,
            TimeSpan.FromSeconds(seconds),
            stem => $"{stem.State} {stem.ProcessingStep} {stem.ProcessingProgress}% {stem.ProcessingError}");
}
