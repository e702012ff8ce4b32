package io.tollgate.testsupport;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Headless Chromium for browser tests, driven through Debian's {@code chromium} and
 * {@code chromium-driver} (the build never downloads a browser). Without them a test is skipped with
 * a message saying what to install; with the environment variable {@code CI} set it fails instead.
 */
public final class Chromium {

    private Chromium() {
    }

    /** A new headless browser with a fresh profile; quit it when done. */
    public static WebDriver start() {
        File chromium = executable("chromium");
        File chromedriver = executable("chromedriver");
        Path profile;
        try {
            profile = Files.createTempDirectory("tollgate-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions().setBinary(chromium).addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                // The machine's network is closed: without these Chromium keeps trying to reach Google's services.
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--no-first-run", "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Saves what the browser shows as a PNG under target/screenshots, for people to look at. */
    public static Path screenshot(WebDriver driver, String name) {
        Path directory = Path.of(System.getProperty("user.dir"), "target", "screenshots");
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(name + ".png");
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static File executable(String name) {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
                .map(directory -> Path.of(directory, name)).filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            String message = name + " is not installed: browser tests need Debian's chromium and chromium-driver "
                    + "(apt-get install -y chromium chromium-driver)";
            if (System.getenv("CI") != null) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        return found.get().toFile();
    }
}
