using System.Net.Http.Headers;

namespace MusicSite.Tests.Infrastructure;

/// <summary>tus 1.0 requests spoken over plain HTTP, as a client other than tus-js-client would send them.</summary>
internal static class TusRequests
{
    public static HttpRequestMessage Tus(HttpMethod method, string url, HttpContent? content = null, params (string, string)[] headers)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Add("Tus-Resumable", "1.0.0");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    public static ByteArrayContent Chunk(byte[] bytes) =>
        new(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/offset+octet-stream") } };
}
