#!/usr/bin/env bash
# Installs the Debian packages saraban's reading and PDF tests need, when they are missing and
# this machine can (root with apt-get). Otherwise it prints one line saying what to install;
# with CI=true a missing package is an error, because those tests must then fail, not skip.
set -u
need=()
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
if ! { command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx tha; }; then
  need+=(tesseract-ocr-tha)
fi
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
[ -x /usr/sbin/dovecot ] || need+=(dovecot-imapd)
command -v fc-list >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi laksaman || need+=(fonts-thai-tlwg)
status=0
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "saraban: installing ${need[*]} (Debian packages for OCR and PDF)"
    export DEBIAN_FRONTEND=noninteractive
    if ! { apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; }; then
      echo "saraban: could not install ${need[*]}" >&2
      status=1
    fi
  else
    echo "saraban: OCR and PDF need: sudo apt-get install ${need[*]}" >&2
    status=1
  fi
fi
# The letters' font, TH Sarabun New, for faithful PDFs.
bash "$(dirname "$0")/fonts.sh" || status=1
[ "$status" -ne 0 ] && [ "${CI:-}" = true ] && exit 1
exit 0
