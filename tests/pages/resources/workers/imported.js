var importedValue = 7;
