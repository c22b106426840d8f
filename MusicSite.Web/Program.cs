using MusicSite.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddMusicSite();

var app = builder.Build();
await app.InitializeMusicSiteAsync();
app.UseMusicSite();
app.Run();

/// <summary>Entry point, public so WebApplicationFactory can host it in tests.</summary>
public partial class Program;
