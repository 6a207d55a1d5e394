var bomText = "é";
