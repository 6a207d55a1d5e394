var noCharsetText = "€™";
