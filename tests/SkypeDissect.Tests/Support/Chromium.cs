using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkypeDissect.Tests.Support;

/// <summary>What a page did when opened: console errors and exceptions, requests it made, a script's result, a screenshot.</summary>
public sealed record PageVisit(IReadOnlyList<string> Errors, IReadOnlyList<string> Requests, JsonNode? Result, byte[] Screenshot);

/// <summary>
/// Debian's headless Chromium driven over the DevTools protocol (a WebSocket on loopback): opens local pages,
/// collects console errors, uncaught exceptions, log errors and every request a page makes, evaluates a script
/// and takes a full-page screenshot. In CI (CI=true) a missing chromium fails the test; on a developer machine
/// without it the test is skipped with the reason.
/// </summary>
public sealed class Chromium : IDisposable
{
    // The flags this machine needs (no sandbox as root; no background traffic, the network is closed).
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--window-size=1400,1000", "--remote-debugging-port=0",
    ];

    private static readonly Lazy<string?> PathLazy = new(Locate);
    private readonly Process process;
    private readonly DirectoryInfo profile;
    private readonly ClientWebSocket socket = new();
    private readonly List<JsonObject> events = [];
    private int nextId;

    private Chromium(string executable)
    {
        profile = Directory.CreateTempSubdirectory("skypedissect-chromium-");
        var psi = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var f in Flags)
        {
            psi.ArgumentList.Add(f);
        }

        psi.ArgumentList.Add("--user-data-dir=" + profile.FullName);
        psi.ArgumentList.Add("about:blank");
        process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var portFile = Path.Combine(profile.FullName, "DevToolsActivePort");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(portFile) || File.ReadAllLines(portFile).Length < 2)
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"chromium did not start its DevTools endpoint (exited: {process.HasExited})");
            }

            Thread.Sleep(50);
        }

        var lines = File.ReadAllLines(portFile);
        socket.ConnectAsync(new Uri($"ws://127.0.0.1:{lines[0].Trim()}{lines[1].Trim()}"), CancellationToken.None).GetAwaiter().GetResult();
    }

    public static string? Executable => PathLazy.Value;

    /// <summary>Skips (developer machine) or fails (CI) when chromium is not installed.</summary>
    public static void Require()
    {
        if (Executable is not null)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("chromium is not installed; CI must install it (.ci/run installs the chromium package)");
        }

        Skip.If(true, "chromium is not installed on this machine (apt-get install chromium); CI runs these tests");
    }

    public static Chromium Start()
    {
        Require();
        return new Chromium(Executable!);
    }

    /// <summary>Opens <paramref name="file"/> in a new tab, waits for its load event, runs <paramref name="script"/> (an expression) and takes a screenshot.</summary>
    public PageVisit Visit(string file, string script)
    {
        var url = new Uri(Path.GetFullPath(file)).AbsoluteUri;
        var target = Send(null, "Target.createTarget", new JsonObject { ["url"] = "about:blank" })["targetId"]!.GetValue<string>();
        var session = Send(null, "Target.attachToTarget", new JsonObject { ["targetId"] = target, ["flatten"] = true })["sessionId"]!.GetValue<string>();
        try
        {
            foreach (var domain in new[] { "Page", "Runtime", "Log", "Network" })
            {
                Send(session, domain + ".enable", []);
            }

            lock (events)
            {
                events.Clear();
            }

            Send(session, "Page.navigate", new JsonObject { ["url"] = url });
            WaitFor(session, "Page.loadEventFired", TimeSpan.FromSeconds(60));
            var result = Send(session, "Runtime.evaluate", new JsonObject { ["expression"] = script, ["returnByValue"] = true })["result"]?["value"];
            var metrics = Send(session, "Page.getLayoutMetrics", []);
            var size = metrics["cssContentSize"] ?? metrics["contentSize"];
            var clip = new JsonObject
            {
                ["x"] = 0,
                ["y"] = 0,
                ["width"] = Math.Min(size!["width"]!.GetValue<double>(), 4000),
                ["height"] = Math.Min(size["height"]!.GetValue<double>(), 12000),
                ["scale"] = 1,
            };
            var png = Send(session, "Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = true, ["clip"] = clip })["data"]!.GetValue<string>();
            var (errors, requests) = Collect(session, url);
            return new PageVisit(errors, requests, result?.DeepClone(), Convert.FromBase64String(png));
        }
        finally
        {
            Send(null, "Target.closeTarget", new JsonObject { ["targetId"] = target });
        }
    }

    public void Dispose()
    {
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                Send(null, "Browser.close", []);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or InvalidOperationException or TimeoutException)
        {
            // The browser is killed below in any case.
        }

        if (!process.WaitForExit(10_000))
        {
            process.Kill(entireProcessTree: true);
        }

        socket.Dispose();
        process.Dispose();
        try
        {
            profile.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be writing its profile as it exits; the folder is in the temporary folder.
        }
    }

    private (List<string> Errors, List<string> Requests) Collect(string session, string pageUrl)
    {
        var errors = new List<string>();
        var requests = new List<string>();
        lock (events)
        {
            foreach (var e in events.Where(e => e["sessionId"]?.GetValue<string>() == session))
            {
                var p = e["params"]!;
                switch (e["method"]!.GetValue<string>())
                {
                    case "Runtime.consoleAPICalled" when p["type"]!.GetValue<string>() is "error" or "assert":
                        errors.Add("console: " + p["args"]!.ToJsonString());
                        break;
                    case "Runtime.exceptionThrown":
                        errors.Add("exception: " + p["exceptionDetails"]!.ToJsonString());
                        break;
                    case "Log.entryAdded" when p["entry"]!["level"]!.GetValue<string>() == "error":
                        errors.Add("log: " + p["entry"]!["text"]!.GetValue<string>());
                        break;
                    case "Network.requestWillBeSent":
                        var requested = p["request"]!["url"]!.GetValue<string>();
                        if (requested != pageUrl)
                        {
                            requests.Add(requested);
                        }

                        break;
                }
            }
        }

        return (errors, requests);
    }

    private void WaitFor(string session, string method, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            lock (events)
            {
                if (events.Any(e => e["method"]?.GetValue<string>() == method && e["sessionId"]?.GetValue<string>() == session))
                {
                    return;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"chromium sent no {method} within {timeout.TotalSeconds} s");
            }

            Receive(deadline);
        }
    }

    private JsonNode Send(string? session, string method, JsonObject parameters)
    {
        var id = ++nextId;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (session is not null)
        {
            message["sessionId"] = session;
        }

        socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None).GetAwaiter().GetResult();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var reply = Receive(deadline);
            if (reply?["id"]?.GetValue<int>() == id)
            {
                return reply["error"] is { } error
                    ? throw new InvalidOperationException($"chromium refused {method}: {error.ToJsonString()}")
                    : reply["result"]!;
            }
        }
    }

    /// <summary>Reads one message; events are kept, a reply is returned.</summary>
    private JsonObject? Receive(DateTime deadline)
    {
        using var cancel = new CancellationTokenSource(deadline - DateTime.UtcNow is var left && left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1));
        var buffer = new byte[1 << 16];
        using var text = new MemoryStream();
        WebSocketReceiveResult r;
        try
        {
            do
            {
                r = socket.ReceiveAsync(buffer, cancel.Token).GetAwaiter().GetResult();
                text.Write(buffer, 0, r.Count);
            }
            while (!r.EndOfMessage);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("chromium stopped answering over DevTools");
        }

        var message = JsonNode.Parse(text.ToArray())!.AsObject();
        if (message["id"] is null)
        {
            lock (events)
            {
                events.Add(message);
            }

            return null;
        }

        return message;
    }

    private static string? Locate()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            foreach (var name in new[] { "chromium", "chromium-browser" })
            {
                var candidate = dir.Length == 0 ? "" : Path.Combine(dir, name);
                if (candidate.Length > 0 && File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
