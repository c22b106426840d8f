using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Data;
using MusicSite.Notifications;
using MusicSite.Tests.Infrastructure;
using MusicSite.Tests.Notifications;

namespace MusicSite.Tests.Community;

/// <summary>The live streams (server-sent events) carry only what their viewer may see: one's own unread count,
/// never another user's; a private track's comments never to others; nothing of the user streams to anonymous
/// visitors. A plain GET never opens a stream.</summary>
public sealed class LiveStreamTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);

    private async Task<(HttpClient Client, int Id, string Email)> UserAsync()
    {
        var email = $"live-{Guid.NewGuid():N}@example.com";
        var client = await site.SignedInClientAsync(email);
        return (client, await site.UserIdAsync(email), email);
    }

    private static async Task<HttpResponseMessage> OpenAsync(HttpClient client, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>Reads the stream until an event named <paramref name="name"/>; returns its data.</summary>
    private static async Task<string> NextEventAsync(StreamReader reader, string name)
    {
        using var timeout = new CancellationTokenSource(Patience);
        string? eventName = null;
        while (true)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("The stream ended.");
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventName = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && eventName == name)
            {
                return line["data: ".Length..];
            }
        }
    }

    private async Task NotifyAsync(int userId)
    {
        await using var scope = site.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Notifier>().Add(userId, NotificationKind.CommentReceived, null, "Someone commented.", "/tracks/1");
        await scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>().SaveChangesAsync();
    }

    [Theory]
    [InlineData("/live/tracks/1/comments")]
    [InlineData("/live/tracks/1/progress")]
    public async Task PlainGet_NeverOpensAStream_Answers406(string path)
    {
        var response = await site.CreateClient().GetAsync(path);

        Assert.Equal(406, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("/live/notifications")]
    [InlineData("/live/uploads")]
    public async Task UserStream_Anonymous_GetsNoStream(string path)
    {
        var client = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await OpenAsync(client, path);

        Assert.NotEqual("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.True((int)response.StatusCode is 401 or 302, $"answered {(int)response.StatusCode}");
    }

    [Fact]
    public async Task Unread_CarriesOnlyTheViewersOwnCount()
    {
        var (me, myId, _) = await UserAsync();
        var (_, otherId, _) = await UserAsync();
        using var response = await OpenAsync(me, "/live/notifications?since=0");
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        await NotifyAsync(otherId);
        await NotifyAsync(otherId);
        await NotifyAsync(myId);

        Assert.Equal("1", await NextEventAsync(reader, "unread"));
    }

    [Fact]
    public async Task Comments_OfAPrivateTrack_NeverStreamToOthers()
    {
        var (owner, _, ownerEmail) = await UserAsync();
        var (other, _, _) = await UserAsync();
        var trackId = await TestCatalog.AddReadyTrackAsync(site.Services, "Private Live", seconds: 20, isPublic: false, uploaderEmail: ownerEmail);

        using (var refused = await OpenAsync(other, $"/live/tracks/{trackId}/comments"))
        {
            Assert.Equal(404, (int)refused.StatusCode);
        }
        using (var anonymous = await OpenAsync(site.CreateClient(), $"/live/tracks/{trackId}/comments"))
        {
            Assert.Equal(404, (int)anonymous.StatusCode);
        }
        using var mine = await OpenAsync(owner, $"/live/tracks/{trackId}/comments?since=0");
        using var reader = new StreamReader(await mine.Content.ReadAsStreamAsync());
        (await owner.PostAsJsonAsync($"/api/music/tracks/{trackId}/comments", new { content = "private note", timestamp = 3 })).EnsureSuccessStatusCode();

        Assert.StartsWith("1-", await NextEventAsync(reader, "comments"));
    }

    [Fact]
    public async Task Comments_PostedInAnotherSession_ReachAnOpenStream()
    {
        var (fan, _, _) = await UserAsync();
        var trackId = await TestCatalog.AddReadyTrackAsync(site.Services, "Public Live", seconds: 20);
        using var response = await OpenAsync(site.CreateClient(), $"/live/tracks/{trackId}/comments?since=0");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        (await fan.PostAsJsonAsync($"/api/music/tracks/{trackId}/comments", new { content = "hello", timestamp = 1 })).EnsureSuccessStatusCode();

        Assert.StartsWith("1-", await NextEventAsync(reader, "comments"));
    }
}
