using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MusicSite.Hosting;
using MusicSite.Tests.Infrastructure;
using MusicSite.Web.Hosting;

namespace MusicSite.Tests.Hosting;

/// <summary>
/// The site on Kestrel behind a real nginx (installed by test.sh), configured with docs/nginx.md's own server block:
/// the site decides, nginx sends the bytes, ranges included, with the site's Content-Type and security headers.
/// </summary>
[Trait("Category", "Slow")]
public sealed partial class NginxAccelTests : IDisposable
{
    private readonly KestrelSite _kestrel = new();
    private readonly TempDirectory _nginxDirectory = new("musicsite-nginx");
    private Process? _nginx;

    [Fact]
    public async Task BehindNginx_StreamsAndRanges_FromTheFile_AndRefusalsPassThrough()
    {
        _kestrel.Site.Settings["Streaming:AccelRedirectPrefix"] = "/_media/";
        _kestrel.Site.Settings["ReverseProxy:KnownProxies:0"] = "127.0.0.1";
        var client = await StartNginxAsync();
        var id = await TestCatalog.AddReadyTrackAsync(_kestrel.Site.Services, "Nginx Tone", seconds: 20);
        var hidden = await TestCatalog.AddReadyTrackAsync(_kestrel.Site.Services, "Nginx Private", seconds: 2, isPublic: false);
        var relative = await _kestrel.Site.WithDbAsync(db => db.MediaFiles.Where(m => m.TrackId == id).Select(m => m.RelativePath).SingleAsync());
        var file = await File.ReadAllBytesAsync(new MusicSiteOptions { DataDirectory = _kestrel.Site.DataDirectory }.Paths.MediaPath(relative));

        var whole = await client.GetAsync($"/api/music/stream/{id}");
        var ranged = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/music/stream/{id}")
        {
            Headers = { Range = new RangeHeaderValue(70_000, 139_999) },
        });
        var refused = await client.GetAsync($"/api/music/stream/{hidden}");
        var internalLocation = await client.GetAsync("/_media/" + relative);

        Assert.Equal(200, (int)whole.StatusCode);
        Assert.Equal(file, await whole.Content.ReadAsByteArrayAsync());
        Assert.Equal("audio/mpeg", whole.Content.Headers.ContentType?.MediaType);
        Assert.Equal(SecurityHeaders.MediaPolicy, whole.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", whole.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(whole.Headers.CacheControl is { Private: true }, $"Cache-Control: {whole.Headers.CacheControl}");
        Assert.False(whole.Headers.Contains("X-Accel-Redirect"));
        Assert.Equal(206, (int)ranged.StatusCode);
        Assert.Equal(file[70_000..140_000], await ranged.Content.ReadAsByteArrayAsync());
        Assert.Equal($"bytes 70000-139999/{file.Length}", ranged.Content.Headers.ContentRange?.ToString());
        await refused.ProblemAsync(404, "TRACK_NOT_FOUND");
        Assert.Equal(404, (int)internalLocation.StatusCode);
    }

    /// <summary>nginx in a directory of its own with docs/nginx.md's upstream and server block (ports and the data
    /// directory replaced), in the foreground, so that disposing the test ends it.</summary>
    private async Task<HttpClient> StartNginxAsync()
    {
        var kestrel = new Uri(_kestrel.BaseUrl);
        var port = FreePort();
        var serverBlock = NginxBlock().Match(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "docs", "nginx.md"))).Groups[1].Value
            .Replace("server 127.0.0.1:5080;", $"server 127.0.0.1:{kestrel.Port};")
            .Replace("listen 80;", $"listen 127.0.0.1:{port};")
            .Replace("/var/lib/musicsite/data/media/", new MusicSiteOptions { DataDirectory = _kestrel.Site.DataDirectory }.Paths.Media + "/");
        var temp = _nginxDirectory.Combine("temp");
        Directory.CreateDirectory(temp);
        // As root, nginx's workers run as nobody: they write their temp files here and read the site's media folder.
        var asRoot = Environment.UserName == "root";
        if (asRoot && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, (UnixFileMode)0b111_111_111);
        }
        var config = _nginxDirectory.Combine("nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            {{(asRoot ? "user nobody nogroup;" : "")}}
            worker_processes 1;
            daemon off;
            pid {{_nginxDirectory.Combine("nginx.pid")}};
            error_log {{_nginxDirectory.Combine("error.log")}} warn;
            events { worker_connections 64; }
            http {
                include /etc/nginx/mime.types;
                access_log off;
                client_body_temp_path {{temp}}/body; proxy_temp_path {{temp}}/proxy; fastcgi_temp_path {{temp}}/fastcgi;
                uwsgi_temp_path {{temp}}/uwsgi; scgi_temp_path {{temp}}/scgi;
            {{serverBlock}}
            }
            """);
        _nginx = Process.Start(new ProcessStartInfo(File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx",
            ["-p", _nginxDirectory.Path, "-c", config]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        _nginx.BeginErrorReadLine();
        _nginx.BeginOutputReadLine();
        await Eventually.True("nginx listening on its port", async () =>
        {
            Assert.False(_nginx.HasExited, "nginx stopped: " + ReadLog());
            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        });
        return new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    private string ReadLog() => File.Exists(_nginxDirectory.Combine("error.log")) ? File.ReadAllText(_nginxDirectory.Combine("error.log")) : "";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("```nginx\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex NginxBlock();

    public void Dispose()
    {
        if (_nginx is { HasExited: false })
        {
            _nginx.Kill(entireProcessTree: true);
            _nginx.WaitForExit();
        }
        _nginx?.Dispose();
        _kestrel.Dispose();
        _nginxDirectory.Dispose();
    }
}
