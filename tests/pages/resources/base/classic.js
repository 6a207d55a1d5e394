self.loadedThroughBase = true;
