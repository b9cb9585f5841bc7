using System.Formats.Tar;
using System.Reflection;
using System.Text;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Runtime;
using JugendLab.Orchestrator.Teams;
using Microsoft.Extensions.Options;
using static JugendLab.Orchestrator.Deployments.DockerfileRefusal;

namespace JugendLab.Tests.Deployments;

public sealed class DockerfilePolicyTests
{
    private static List<(int Line, DockerfileRefusal Refusal)> Refusals(string dockerfile) =>
        DockerfilePolicy.Check(dockerfile).Select(f => (f.StartLine, f.Refusal)).ToList();

    private static void Passes(string dockerfile) => Assert.Empty(DockerfilePolicy.Check(dockerfile));

    private static void RefusedAt(string dockerfile, int line, DockerfileRefusal refusal) =>
        Assert.Contains((line, refusal), Refusals(dockerfile));

    // --- what stays allowed -------------------------------------------------------------------------------------------

    public static TheoryData<string> PlatformTemplates() =>
        new(Directory.GetFiles(Path.Combine(RepositoryRoot(), "sandbox-images", "templates"), "*.Dockerfile"));

    [Theory]
    [MemberData(nameof(PlatformTemplates))]
    public void PlatformTemplate_FromTheRepository_Passes(string path) => Passes(File.ReadAllText(path));

    public static TheoryData<string> DocumentedExamples() => new(System.Text.RegularExpressions.Regex
        .Matches(File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "for-youth.md")), "```dockerfile\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline)
        .Select(m => m.Groups[1].Value));

    [Theory]
    [MemberData(nameof(DocumentedExamples))]
    public void DockerfileExample_InTheGuideForYouth_Passes(string dockerfile) => Passes(dockerfile);

    [Theory]
    [InlineData(Template.Static)]
    [InlineData(Template.Node)]
    [InlineData(Template.Python)]
    public void PlatformTemplate_AsEmbedded_Passes(Template template) => Passes(Encoding.UTF8.GetString(BuildContext.DockerfileOf(template)));

    [Theory]
    [InlineData("FROM jugendlab/node:latest")]
    [InlineData("FROM jugendlab/static")]
    [InlineData("FROM jugendlab/debian:bookworm")]
    [InlineData("from jugendlab/python:latest")]
    [InlineData("FROM --platform=linux/amd64 jugendlab/node:latest AS web")]
    [InlineData("FROM scratch")]
    public void From_APlatformImageOrScratch_Passes(string line) => Passes(line + "\nCOPY . /app\n");

    [Fact]
    public void MultiStage_CopyingFromAnEarlierStageByName_Passes() => Passes("""
        FROM jugendlab/node:latest AS builder
        COPY . /src
        RUN cd /src && npm run build
        FROM jugendlab/static:latest
        COPY --from=builder /src/dist /app/public
        USER 10001:10001
        """);

    [Fact]
    public void MultiStage_StageNames_AreCaseInsensitive() => Passes("""
        FROM jugendlab/node:latest AS Builder
        FROM BUILDER AS second
        FROM jugendlab/static:latest
        COPY --from=builder /a /b
        COPY --from="Second" /a /b
        """);

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("+1")]
    [InlineData("01")]
    public void CopyFrom_AnEarlierStageByNumber_Passes(string index) =>
        Passes($"FROM jugendlab/node\nFROM jugendlab/python\nFROM jugendlab/static\nCOPY --from={index} /a /b\n");

    [Theory]
    [InlineData("ADD site.tar.gz /app/")]
    [InlineData("ADD --chown=10001:10001 a.txt b.txt /app/")]
    [InlineData("ADD [\"my file.txt\", \"/app/\"]")]
    [InlineData("ADD files/ http://not-a-source/")] // the last argument is the destination, never fetched
    public void Add_OfLocalFiles_Passes(string line) => Passes("FROM jugendlab/static\n" + line + "\n");

    [Theory]
    [InlineData("# FROM node:20\n")]
    [InlineData("  # ADD http://127.0.0.1:8080/ /x\n")]
    [InlineData("RUN echo FROM node:20 && echo ADD http://x/ /y\n")]
    [InlineData("RUN echo one \\\n FROM node:20\n")] // continued: FROM node:20 is RUN's text
    [InlineData("RUN echo one \\\n\n# a comment\n FROM node:20\n")] // blank and comment lines do not end a continuation
    public void TextThatOnlyLooksLikeAnInstruction_Passes(string lines) => Passes("FROM jugendlab/node\n" + lines);

    [Fact]
    public void EscapeDirective_Backtick_ContinuesLinesWithBacktick() => Passes("""
        # escape=`
        FROM jugendlab/debian:bookworm
        RUN echo `
            FROM node:20
        """);

    // --- FROM ---------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("FROM node:20")]
    [InlineData("FROM jugendlab-main/shop:12")]
    [InlineData("FROM jugendlab-xyz/other-team:3 AS stolen")]
    [InlineData("FROM docker.io/jugendlab/node:latest")]
    [InlineData("FROM localhost:5000/jugendlab/node")]
    [InlineData("FROM jugendlab/node/extra")]
    [InlineData("FROM jugendlab/node@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("FROM jugendlab/node:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("FROM sha256:1c96bd7e945c0123456789abcdef0123456789abcdef0123456789abcdef0123")]
    [InlineData("FROM 1c96bd7e945c")]
    [InlineData("FROM \"jugendlab-main/shop:12\"")]
    [InlineData("FROM jugend\\lab/node")]
    [InlineData("fRoM node:20")]
    [InlineData("FROM --platform=linux/amd64 node:20")]
    [InlineData("FROM 0")] // FROM takes no stage numbers: "0" is an image name to the engine
    public void From_AnyOtherImage_IsRefused(string line) => RefusedAt(line + "\n", 1, BaseImage);

    [Theory]
    [InlineData("ARG BASE=jugendlab-main/shop:12\nFROM $BASE")]
    [InlineData("ARG BASE=jugendlab/node\nFROM ${BASE}")]
    [InlineData("ARG TAG=latest\nFROM jugendlab/node:$TAG")]
    public void From_WithAVariable_IsRefused(string dockerfile) => RefusedAt(dockerfile + "\n", 2, BaseImageVariable);

    [Fact]
    public void From_AStageDefinedOnlyLater_IsRefused() =>
        RefusedAt("FROM later\nFROM jugendlab/node AS later\n", 1, BaseImage);

    // --- COPY --from and RUN --mount ------------------------------------------------------------------------------------

    [Theory]
    [InlineData("COPY --from=jugendlab-main/shop:12 /app /stolen")]
    [InlineData("COPY --from=jugendlab/node:latest /usr/bin/node /node")] // even a platform image: only stages
    [InlineData("COPY --from=1c96bd7e945c /etc /x")]
    [InlineData("COPY --from=sha256:1c96bd7e945c /etc /x")]
    [InlineData("COPY --from=$OTHER /app /stolen")]
    [InlineData("COPY --from=\"vic\"tim /app /stolen")]
    [InlineData("COPY --chown=10001 --from=victim /app /stolen")]
    [InlineData("copy --from=victim /app /stolen")]
    [InlineData("COPY --from=1 /a /b")] // stage 1 is the current stage
    [InlineData("COPY --from=2 /a /b")]
    [InlineData("COPY --from=-1 /a /b")]
    [InlineData("COPY --from=99999999999999999999999 /a /b")]
    [InlineData("COPY --from=later /a /b")]
    [InlineData("RUN --mount=type=bind,from=victim,target=/x cat /x/secret")]
    [InlineData("RUN --mount=\"type=bind,FROM=victim\",target=/x cat /x/secret")]
    public void CopyFrom_AnythingButAnEarlierStage_IsRefused(string line) =>
        RefusedAt($"FROM jugendlab/node AS first\nFROM jugendlab/static\n{line}\nFROM jugendlab/node AS later\n", 3, StageSource);

    [Fact]
    public void CopyFrom_InTheFirstStage_IsRefusedEvenAsNumberZero() =>
        RefusedAt("FROM jugendlab/node\nCOPY --from=0 /a /b\n", 2, StageSource);

    [Fact]
    public void RunMount_FromAnEarlierStage_Passes() =>
        Passes("FROM jugendlab/node AS deps\nFROM jugendlab/node\nRUN --mount=type=bind,from=deps,target=/deps ls /deps\n");

    // --- ADD ------------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("ADD http://127.0.0.1:8080/ /x")]
    [InlineData("ADD https://example.org/file.txt /x")]
    [InlineData("ADD HTTP://127.0.0.1/ /x")]
    [InlineData("ADD git@github.com:kiez/app.git /x")]
    [InlineData("ADD git://example.org/app.git /x")]
    [InlineData("ADD ftp://example.org/f /x")]
    [InlineData("ADD --chown=10001:10001 http://127.0.0.1:8080/ /x")]
    [InlineData("ADD local.txt http://127.0.0.1:8080/secret /dest/")]
    [InlineData("ADD [\"http://127.0.0.1:8080/secret\", \"/x\"]")]
    [InlineData("ADD [\"local.txt\", \"http://127.0.0.1:8080/secret\", \"/x\"]")]
    [InlineData("ADD [\"http\\u003a//127.0.0.1:8080/secret\", \"/x\"]")]
    [InlineData("ADD [\"http:\\/\\/127.0.0.1:8080/secret\", \"/x\"]")]
    [InlineData("ADD \"http://127.0.0.1:8080/secret\" /x")]
    [InlineData("ADD ht\\tp:/\\/127.0.0.1:8080/secret /x")]
    [InlineData("add http://127.0.0.1:8080/ /x")]
    public void Add_OfAUrl_IsRefused(string line) => RefusedAt("FROM jugendlab/static\n" + line + "\n", 2, AddUrl);

    [Theory]
    [InlineData("ADD $SRC /x")]
    [InlineData("ADD ${SRC} /x")]
    [InlineData("ADD [\"$SRC\", \"/x\"]")]
    public void Add_WithAVariableSource_IsRefused(string line) =>
        RefusedAt("FROM jugendlab/static\nARG SRC=http://127.0.0.1:8080/\n" + line + "\n", 3, AddVariable);

    // --- tricky syntax --------------------------------------------------------------------------------------------------

    [Fact]
    public void ContinuedInstruction_IsCheckedWhole_AndReportedWithItsLines()
    {
        var finding = Assert.Single(DockerfilePolicy.Check("FROM jugendlab/static\nADD \\\n# a comment\n\n    http://127.0.0.1:8080/ \\\n    /x\n"));
        Assert.Equal((2, 6, AddUrl), (finding.StartLine, finding.EndLine, finding.Refusal));
    }

    [Fact]
    public void EscapedEscapeCharacter_DoesNotContinueTheLine() =>
        RefusedAt("FROM jugendlab/static\nRUN echo \\\\\nFROM node:20\n", 3, BaseImage);

    [Fact]
    public void EscapeDirective_Backtick_MakesBackslashAPlainCharacter() =>
        RefusedAt("# escape=`\nFROM jugendlab/static\nRUN echo \\\nFROM node:20\n", 4, BaseImage);

    [Fact]
    public void EscapeDirective_Backtick_JoinsAFlagFromTheNextLine() =>
        RefusedAt("#ESCAPE = `\nFROM jugendlab/static\nCOPY `\n   --from=victim /app /stolen\n", 3, StageSource);

    [Fact]
    public void EscapeDirective_AfterAnInstruction_IsOnlyAComment() =>
        RefusedAt("FROM jugendlab/static\n# escape=`\nRUN echo `\nFROM node:20\n", 4, BaseImage);

    [Fact]
    public void EscapeDirective_AfterAnotherComment_IsOnlyAComment() =>
        RefusedAt("# hello\n# escape=`\nFROM jugendlab/static\nRUN echo `\nFROM node:20\n", 5, BaseImage);

    [Theory]
    [InlineData("FROM jugendlab/static\r\nCOPY --from=victim /a /b\r\n")]
    [InlineData("\uFEFFFROM jugendlab/static\nCOPY --from=victim /a /b\n")]
    [InlineData("FROM jugendlab/static\n\u00A0\tCOPY --from=victim /a /b\n")]
    [InlineData("FROM jugendlab/static\nCOPY --chown=1\u0160--from=victim /a /b\n")] // Š is C5 A0 in UTF-8; the engine splits flags at the A0 byte
    [InlineData("FROM jugendlab/static\nCOPY --chown=1 --\"from\"=victim /a /b\n")]
    public void OddWhitespaceAndQuoting_DoNotHideAnInstruction(string dockerfile) => RefusedAt(dockerfile, 2, StageSource);

    [Fact]
    public void Onbuild_InnerInstruction_IsCheckedWithTheSameRules()
    {
        var refusals = Refusals("""
            FROM jugendlab/node AS base
            ONBUILD COPY --from=jugendlab-main/shop:12 /app /stolen
            onbuild ADD http://127.0.0.1:8080/ /x
            ONBUILD RUN echo harmless
            FROM base
            """);
        Assert.Equal([(2, StageSource), (3, AddUrl)], refusals);
    }

    [Fact]
    public void Onbuild_WrittenWithATurkishCapitalI_IsStillOnbuildToTheEngine() =>
        RefusedAt("FROM jugendlab/node\nONBU\u0130LD ADD http://127.0.0.1:8080/ /x\n", 2, AddUrl);

    [Fact]
    public void Onbuild_TriggerIsReadAgainOnItsOwn_WithTheDefaultEscape()
    {
        // The engine stores "RUN echo \" and parses it again when a later stage builds on this one, with "\" as escape.
        var onbuild = DockerfileParser.Parse("# escape=`\nFROM jugendlab/node\nONBUILD RUN echo \\\n")[1];

        Assert.Equal("echo \\", onbuild.Inner!.Arguments);
        var trigger = Assert.Single(onbuild.Trigger);
        Assert.Equal(("run", "echo"), (trigger.Keyword, trigger.Arguments));
    }

    [Fact]
    public void Onbuild_WithFlags_StillHasItsInnerInstructionChecked() =>
        RefusedAt("FROM jugendlab/node\nONBUILD --x=1 COPY --from=victim /a /b\n", 2, StageSource);

    [Fact]
    public void Onbuild_NestedTenThousandTimes_IsReadWithoutCrashingTheChecker()
    {
        var line = string.Concat(Enumerable.Repeat("ONBUILD ", 10_000)) + "ADD http://127.0.0.1:8080/ /x";

        var instruction = DockerfileParser.Parse("FROM jugendlab/node\n" + line + "\n")[1];

        Assert.Equal("onbuild", instruction.Keyword);   // the engine refuses ONBUILD ONBUILD; we only must not fall over
    }

    [Fact]
    public void ContinuationOverAHundredThousandLines_IsOneInstruction()
    {
        var dockerfile = "FROM jugendlab/static\nADD \\\n" + string.Concat(Enumerable.Repeat("  a.txt \\\n", 100_000)) + " http://127.0.0.1:8080/ /x\n";

        var finding = Assert.Single(DockerfilePolicy.Check(dockerfile));

        Assert.Equal((2, 100_003, AddUrl), (finding.StartLine, finding.EndLine, finding.Refusal));
    }

    [Fact]
    public void EscapeDirective_WithLongPadding_IsStillADirective()
    {
        var directive = "#escape=" + new string(' ', 200_000) + "`" + new string('\t', 200_000);

        RefusedAt(directive + "\nFROM jugendlab/static\nRUN echo \\\nFROM node:20\n", 4, BaseImage);
    }

    [Fact]
    public void EveryRefusedLine_IsReported_NotJustTheFirst()
    {
        var refusals = Refusals("""
            FROM node:20 AS build
            RUN npm ci
            FROM jugendlab/static:latest
            COPY --from=jugendlab-main/shop:12 /app /stolen
            ADD http://127.0.0.1:8080/ /x
            COPY --from=build /dist /app/public
            """);
        Assert.Equal([(1, BaseImage), (4, StageSource), (5, AddUrl)], refusals);
    }

    // --- the snapshot, the message, the wiring --------------------------------------------------------------------------

    [Fact]
    public void Enforce_RefusedDockerfile_NamesEachLineInGermanAndEnglish()
    {
        var source = Snapshot(("Dockerfile", "# my app\n\nFROM node:20\nCOPY . /app\nADD http://127.0.0.1:8080/secret /x\n"));

        var error = Assert.Throws<DomainException>(() => DockerfilePolicy.Enforce(source));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains("Zeile 3: FROM node:20 ist nicht erlaubt. Baut auf einem Bild der Plattform auf (jugendlab/node:latest, jugendlab/python:latest, " +
                        "jugendlab/static:latest, jugendlab/debian:bookworm) oder auf einer früheren Stufe dieses Dockerfiles.", error.German);
        Assert.Contains("Zeile 5: ADD http://127.0.0.1:8080/secret /x ist nicht erlaubt.", error.German);
        Assert.Contains("Line 3: FROM node:20 is not allowed.", error.English);
        Assert.Contains("Line 5: ADD http://127.0.0.1:8080/secret /x is not allowed.", error.English);
        Assert.DoesNotContain("ß", error.German);
        Assert.Equal(3, error.German.Split('\n').Length);
    }

    [Fact]
    public void Enforce_AllowedDockerfile_DoesNotThrow() =>
        DockerfilePolicy.Enforce(Snapshot(("Dockerfile", "FROM jugendlab/static:latest\nCOPY . /app\n"), ("index.html", "hi")));

    [Theory]
    [InlineData("./Dockerfile")]
    [InlineData("docs/../Dockerfile")]
    public void Enforce_DockerfileUnderAnotherSpelledPath_IsStillChecked(string path) =>
        Assert.Throws<DomainException>(() => DockerfilePolicy.Enforce(Snapshot((path, "FROM node:20\n"))));

    [Fact]
    public void Enforce_DockerfileAsSymlink_IsRefused()
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "innocent.txt") { DataStream = new MemoryStream("FROM node:20\n"u8.ToArray()) });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "Dockerfile") { LinkName = "innocent.txt" });
        }
        var error = Assert.Throws<DomainException>(() => DockerfilePolicy.Enforce(SourceSnapshot.FromTar(tar.ToArray(), new string('a', 40))));
        Assert.Contains("symlink", error.English);
    }

    [Fact]
    public void Enforce_NoDockerfileButALowercaseOne_IsRefused() =>
        // The engine would fall back to "dockerfile" and build it unchecked.
        Assert.Throws<DomainException>(() => DockerfilePolicy.Enforce(Snapshot(("dockerfile", "FROM node:20\n"))));

    [Fact]
    public void Enforce_DockerfileOverTheSizeLimit_IsRefusedBeforeItIsRead()
    {
        var huge = "FROM jugendlab/static\n" + new string('#', DockerfilePolicy.MaxDockerfileBytes);

        var error = Assert.Throws<DomainException>(() => DockerfilePolicy.Enforce(Snapshot(("Dockerfile", huge))));

        Assert.Equal(ErrorKind.TooLarge, error.Kind);
    }

    [Fact]
    public void Enforce_DockerfileThatIsNotUtf8_IsRefused() =>
        Assert.Throws<DomainException>(() => DockerfilePolicy.Enforce(Snapshot(("Dockerfile", new byte[] { 0x46, 0x52, 0x4F, 0x4D, 0x20, 0xFF, 0x0A }))));

    [Fact]
    public async Task ImageBuilder_RefusedDockerfile_NeverReachesTheEngine()
    {
        var runtime = DispatchProxy.Create<IContainerRuntime, RecordingRuntime>();
        var orchestrator = Options.Create(new OrchestratorOptions());
        var builder = new ImageBuilder(runtime, new ResourceNames(orchestrator),
            new BuildCgroups(Microsoft.Extensions.Logging.Abstractions.NullLogger<BuildCgroups>.Instance), Options.Create(new BuildOptions()));
        var project = new Project(new Team("kiez", Quota.Default, DateTimeOffset.UtcNow), "shop", Template.Dockerfile, "main", 256, 0.5, DateTimeOffset.UtcNow);
        var deployment = new Deployment(1, "push", "mia", DateTimeOffset.UtcNow);
        await using var log = new DeployLog(Language.German, _ => { }, 1024 * 1024);

        await Assert.ThrowsAsync<DomainException>(() => builder.BuildAsync(
            project, deployment, Snapshot(("Dockerfile", "FROM jugendlab-main/shop:1\n")), Template.Dockerfile, log, CancellationToken.None));

        Assert.Empty(((RecordingRuntime)(object)runtime).Calls);
    }

    /// <summary>An engine that only notes what it was asked to do.</summary>
    public class RecordingRuntime : DispatchProxy
    {
        public List<string> Calls { get; } = [];

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            Calls.Add(targetMethod!.Name);
            throw new InvalidOperationException($"The engine was called: {targetMethod.Name}");
        }
    }

    private static SourceSnapshot Snapshot(params (string Path, string Content)[] files) =>
        Snapshot(files.Select(f => (f.Path, Encoding.UTF8.GetBytes(f.Content))).ToArray());

    private static SourceSnapshot Snapshot(params (string Path, byte[] Content)[] files)
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
            foreach (var (path, content) in files)
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path) { DataStream = new MemoryStream(content) });
        return SourceSnapshot.FromTar(tar.ToArray(), new string('a', 40));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "JugendLab.sln"))) return dir.FullName;
        throw new InvalidOperationException("JugendLab.sln not found above " + AppContext.BaseDirectory);
    }
}
