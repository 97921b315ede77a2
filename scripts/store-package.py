"""The one manifest made into each browser's, and a store zip anyone can rebuild byte for byte.

usage: store-package.py manifest BROWSER SRC DEST   (chrome | firefox)
       store-package.py zip FOLDER ZIPFILE

Chrome reads `background.service_worker`, Firefox `background.scripts` (and warns about the
other: web-ext's BACKGROUND_SERVICE_WORKER_IGNORED); each gets only its own, and only its own
browser's settings. The zip holds its entries sorted by path, each dated 1980-01-01 with the
same permissions, so that two clean builds at different paths and times give the same bytes.
"""
import json
import os
import sys
import zipfile


def manifest(browser, src, dest):
    with open(src, encoding="utf-8") as f:
        m = json.load(f)
    background = m["background"]
    if browser == "chrome":
        m["background"] = {"service_worker": background["service_worker"], "type": background["type"]}
        del m["browser_specific_settings"]
    else:
        m["background"] = {"scripts": background["scripts"], "type": background["type"]}
        del m["minimum_chrome_version"]
    with open(dest, "w", encoding="utf-8") as f:
        json.dump(m, f, indent=2, ensure_ascii=False)
        f.write("\n")


def store_zip(folder, dest):
    paths = sorted(
        os.path.relpath(os.path.join(parent, name), folder).replace(os.sep, "/")
        for parent, _, names in os.walk(folder)
        for name in names
    )
    with zipfile.ZipFile(dest, "w") as z:
        for path in paths:
            entry = zipfile.ZipInfo(path, date_time=(1980, 1, 1, 0, 0, 0))
            entry.external_attr = 0o100644 << 16
            entry.create_system = 3  # Unix, whatever machine builds it
            with open(os.path.join(folder, path), "rb") as f:
                z.writestr(entry, f.read(), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)


if __name__ == "__main__":
    if sys.argv[1] == "manifest":
        manifest(*sys.argv[2:5])
    else:
        store_zip(*sys.argv[2:4])
