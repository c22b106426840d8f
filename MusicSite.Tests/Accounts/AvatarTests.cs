using Microsoft.Extensions.DependencyInjection;
using MusicSite.Accounts;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Accounts;

/// <summary>Avatars are checked by content with ffprobe and re-encoded by ffmpeg; nothing else gets stored.</summary>
[Trait("Category", "Slow")]
public sealed class AvatarTests(CoreServicesFixture core) : IClassFixture<CoreServicesFixture>, IDisposable
{
    private readonly TempDirectory _files = new("musicsite-avatar");

    [Theory]
    [InlineData("png")]
    [InlineData("jpg")]
    [InlineData("webp")]
    public async Task SetAvatar_AcceptedFormat_IsStoredAsA256PixelJpeg(string extension)
    {
        var (accounts, user) = await NewUserAsync();
        var image = MediaFixtures.Image(_files.Path, extension, 800, 450);

        await using var upload = File.OpenRead(image);
        var result = await accounts.SetAvatarAsync(user.Id, upload, default);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.For("avatar")));
        var stored = core.Paths.MediaPath(result.Value!.AvatarPath!);
        var probe = MediaFixtures.Probe(stored, "stream=codec_name,width,height");
        Assert.Contains("codec_name=mjpeg", probe);
        Assert.Contains("width=256", probe);
        Assert.Contains("height=256", probe);
    }

    [Theory]
    [InlineData("avatar.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")]
    [InlineData("avatar.png", "this is text wearing a .png extension")]
    [InlineData("avatar.jpg", "<html><body>not an image</body></html>")]
    public async Task SetAvatar_NotAnImage_IsRefusedAndNothingIsStored(string fileName, string content)
    {
        var (accounts, user) = await NewUserAsync();
        var before = AvatarFiles();

        await using var upload = File.OpenRead(MediaFixtures.Text(_files.Path, fileName, content));
        var result = await accounts.SetAvatarAsync(user.Id, upload, default);

        Assert.Equal("INVALID_IMAGE", result.Code);
        Assert.NotEmpty(result.Errors.For("avatar"));
        Assert.Equal(before, AvatarFiles());
        Assert.Empty(Directory.GetFiles(core.Paths.Temp));
    }

    [Fact]
    public async Task SetAvatar_PngThatIsReallyAGif_IsRefused()
    {
        var (accounts, user) = await NewUserAsync();
        var gif = MediaFixtures.Image(_files.Path, "gif");
        var disguised = Path.ChangeExtension(gif, ".png");
        File.Move(gif, disguised);

        await using var upload = File.OpenRead(disguised);
        var result = await accounts.SetAvatarAsync(user.Id, upload, default);

        Assert.Equal("INVALID_IMAGE", result.Code);
    }

    [Fact]
    public async Task SetAvatar_OverTheSizeCap_IsRefusedBeforeItIsStoredWhole()
    {
        var (accounts, user) = await NewUserAsync();
        using var huge = new MemoryStream(new byte[6 * 1024 * 1024]);

        var result = await accounts.SetAvatarAsync(user.Id, huge, default);

        Assert.Equal("FILE_TOO_LARGE", result.Code);
        Assert.Empty(Directory.GetFiles(core.Paths.Temp));
    }

    [Fact]
    public async Task SetAvatar_Replacing_RemovesTheOldFile()
    {
        var (accounts, user) = await NewUserAsync();
        await using (var first = File.OpenRead(MediaFixtures.Image(_files.Path, "png")))
        {
            await accounts.SetAvatarAsync(user.Id, first, default);
        }
        var firstPath = core.Paths.MediaPath(user.AvatarPath!);

        await using (var second = File.OpenRead(MediaFixtures.Image(_files.Path, "jpg")))
        {
            Assert.True((await accounts.SetAvatarAsync(user.Id, second, default)).Succeeded);
        }

        Assert.False(File.Exists(firstPath));
    }

    private string[] AvatarFiles()
    {
        var dir = Path.Combine(core.Paths.Media, "avatars");
        return Directory.Exists(dir) ? Directory.GetFiles(dir).Order().ToArray() : [];
    }

    private async Task<(AccountService, AppUser)> NewUserAsync()
    {
        var scope = core.Scope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var result = await accounts.RegisterAsync(new RegisterInput($"a-{Guid.NewGuid():N}@example.com", "Passw0rdOk", "Avatar", null), default);
        return (accounts, result.Value!);
    }

    public void Dispose() => _files.Dispose();
}
