# (QR benchmark: to be filled)
