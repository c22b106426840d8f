using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Tests.Infrastructure;
using MusicSite.Uploads;
using static MusicSite.Tests.Infrastructure.TusRequests;

namespace MusicSite.Tests.Tracks;

/// <summary>Two PATCHes at once on one tus upload: the second is told the upload is locked (423), never a 500,
/// and the first finishes with every byte in place.</summary>
public sealed class ConcurrentChunkTests(KestrelSite kestrel) : IClassFixture<KestrelSite>
{
    [Fact]
    public async Task SecondPatch_WhileTheFirstIsWriting_Is423AndTheFirstCompletes()
    {
        // Real sockets: the in-memory test server hands the app a request only once its body has been sent.
        var client = kestrel.CreateClient();
        var email = $"chunks-{Guid.NewGuid():N}@example.com";
        Assert.Equal(201, (int)(await client.RegisterAsync(email, accountType: "Artist")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await client.LoginAsync(email)).GetProperty("accessToken").GetString()!);
        var created = await client.SendAsync(Tus(HttpMethod.Post, "/api/uploads", null, ("Upload-Length", "20")));
        Assert.Equal(201, (int)created.StatusCode);
        var url = created.Headers.Location!.ToString();
        var id = url.Split('/').Last();
        var gate = new GatedContent([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);

        var first = client.SendAsync(Tus(HttpMethod.Patch, url, gate, ("Upload-Offset", "0")));
        var locks = kestrel.Site.Services.GetRequiredService<UploadLocks>();
        await Eventually.True("the first chunk to hold the upload", () => Task.FromResult(locks.IsHeld(id)));

        var second = await client.SendAsync(Tus(HttpMethod.Patch, url, Chunk([99, 99]), ("Upload-Offset", "0")));
        var deleted = await client.SendAsync(Tus(HttpMethod.Delete, url));
        gate.Release();
        var firstDone = await first;

        await second.ProblemAsync(423, "UPLOAD_LOCKED");
        await deleted.ProblemAsync(423, "UPLOAD_LOCKED");
        Assert.Equal(HttpStatusCode.NoContent, firstDone.StatusCode);
        Assert.Equal("20", firstDone.Headers.GetValues("Upload-Offset").Single());
        var head = await client.SendAsync(Tus(HttpMethod.Head, url));
        Assert.Equal("20", head.Headers.GetValues("Upload-Offset").Single());
        Assert.False(locks.IsHeld(id));
    }

    /// <summary>A chunk body that sends its first part, then waits to be released before sending the rest.</summary>
    private sealed class GatedContent : HttpContent
    {
        private readonly byte[] _head;
        private readonly byte[] _tail;
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public GatedContent(byte[] head, byte[] tail)
        {
            (_head, _tail) = (head, tail);
            Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
            Headers.ContentLength = head.Length + tail.Length;
        }

        public void Release() => _released.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(_head);
            await stream.FlushAsync();
            await _released.Task;
            await stream.WriteAsync(_tail);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _head.Length + _tail.Length;
            return true;
        }
    }
}
