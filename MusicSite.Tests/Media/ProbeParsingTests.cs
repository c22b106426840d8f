using MusicSite.Media;

namespace MusicSite.Tests.Media;

/// <summary>ProbeResult.Parse against saved ffprobe JSON: no ffmpeg needed.</summary>
public sealed class ProbeParsingTests
{
    private static ProbeResult Parse(string file) =>
        ProbeResult.Parse(SavedOutput.Read(Path.Combine("ffprobe", file))) ?? throw new InvalidOperationException($"{file} did not parse");

    [Fact]
    public void Parse_TaggedMp3_ReadsFormatDurationStreamAndTags()
    {
        var probe = Parse("mp3-tagged.json");

        Assert.Equal("mp3", probe.FormatName);
        Assert.Equal(3.030204, probe.DurationSeconds);
        Assert.Equal(51, probe.ProbeScore);
        Assert.Equal(128830, probe.BitRate);
        var audio = Assert.Single(probe.Streams);
        Assert.Equal(new ProbeStream("audio", "mp3", 44100, 2, 128000, null, null), audio);
        Assert.Same(audio, probe.FirstAudio);
        Assert.Null(probe.AttachedPicture);
        Assert.Equal("Fixture Tone", probe.Tag("title"));
        Assert.Equal("120", probe.Tag("bpm", "tbpm"));
        Assert.Equal("Test Artist", probe.Tag("ARTIST"));
        Assert.Null(probe.Tag("album"));
    }

    [Fact]
    public void Parse_Flac_ReadsLosslessStreamAndContainerTags()
    {
        var probe = Parse("flac.json");

        Assert.Equal("flac", probe.FormatName);
        Assert.Equal(2.0, probe.DurationSeconds);
        Assert.Equal(("flac", 44100, 2), (probe.FirstAudio!.CodecName, probe.FirstAudio.SampleRate, probe.FirstAudio.Channels));
        Assert.Equal("Ambient", probe.Tag("genre"));
    }

    [Fact]
    public void Parse_Opus_TakesTheTagsOfTheAudioStream()
    {
        var probe = Parse("opus-stream-tags.json");

        Assert.Equal("ogg", probe.FormatName);
        Assert.Equal("opus", probe.FirstAudio!.CodecName);
        Assert.Equal(48000, probe.FirstAudio.SampleRate);
        Assert.Equal("Opus Tone", probe.Tag("title"));
    }

    [Fact]
    public void Parse_Mp3WithCover_FindsTheAttachedPicture()
    {
        var probe = Parse("mp3-attached-cover.json");

        Assert.Equal("mp3", probe.FirstAudio!.CodecName);
        var cover = Assert.IsType<ProbeStream>(probe.AttachedPicture);
        Assert.Equal(("png", 64, 64), (cover.CodecName, cover.Width, cover.Height));
        Assert.Same(cover, probe.FirstVideo);
        Assert.Equal("With Cover", probe.Tag("title"));
    }

    [Fact]
    public void Parse_ImageWithoutAudio_HasNoAudioStream()
    {
        var probe = Parse("png-no-audio.json");

        Assert.Equal("png_pipe", probe.FormatName);
        Assert.Null(probe.FirstAudio);
        Assert.Null(probe.AttachedPicture);
        Assert.Equal("video", Assert.Single(probe.Streams).CodecType);
    }

    [Fact]
    public void Parse_MissingFields_GivesEmptyNamesAndNullNumbers()
    {
        var probe = Parse("missing-fields.json");

        Assert.Equal("", probe.FormatName);
        Assert.Null(probe.DurationSeconds);
        Assert.Null(probe.BitRate);
        Assert.Equal(100, probe.ProbeScore);
        Assert.Empty(probe.Tags);
        Assert.Equal(new ProbeStream("audio", "", null, null, null, null, null), probe.FirstAudio);
    }

    [Fact]
    public void Parse_OddNumbers_ReadsExponentsAndDropsWhatIsNotANumber()
    {
        var probe = Parse("odd-numbers.json");

        Assert.Equal(150.0, probe.DurationSeconds);
        Assert.Null(probe.BitRate);                 // "N/A"
        Assert.Equal(25, probe.ProbeScore);
        Assert.Null(probe.FirstAudio!.SampleRate);  // "N/A"
        Assert.Null(probe.FirstAudio.BitRate);      // past int
        Assert.Equal(2, probe.FirstAudio.Channels);
    }

    [Theory]
    [InlineData("ffprobe/no-format.json")]
    [InlineData("ffprobe/not-json.txt")]
    public void Parse_OutputWithoutAFormat_IsNull(string file) =>
        Assert.Null(ProbeResult.Parse(SavedOutput.Read(file)));

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{\"format\": \"mp3\"}")]
    [InlineData("{\"format\": {\"duration\": 3.5}}")]
    public void Parse_JsonOfAnotherShape_IsNull(string json) => Assert.Null(ProbeResult.Parse(json));
}
